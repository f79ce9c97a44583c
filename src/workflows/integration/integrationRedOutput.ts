// What the integration red step established, as later steps and the report read it back.
import { z } from 'zod';

export const integrationRedOutputSchema = z.object({
  spec: z.string().min(1),
  module: z.string().min(1),
  operations: z.array(z.object({ operationId: z.string(), method: z.string(), path: z.string() })).min(1),
  testFile: z.string().min(1),
  mockFile: z.string().min(1),
  criteria: z.array(z.string()),
  failing: z.array(z.string()),
  summary: z.string(),
});

export type IntegrationRedOutput = z.infer<typeof integrationRedOutputSchema>;

export function integrationRedOutputOf(value: unknown): IntegrationRedOutput {
  const parsed = integrationRedOutputSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the integration red step's output is not readable: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}
