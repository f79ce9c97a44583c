// What the design red step established, as later steps read it back from the workflow's state.
import { z } from 'zod';

export const designRedOutputSchema = z.object({
  pages: z.array(z.string().min(1)).min(1),
  widths: z.array(z.number().int()).min(1),
  criteria: z.array(z.string()),
  failing: z.array(z.string()),
  before: z.array(z.object({ page: z.string(), width: z.number(), path: z.string() })),
  summary: z.string(),
  /** The Product Owner's advice from screenshots of the failing checks, when the model sees images; never a gate. */
  visionAdvice: z.array(z.string()).optional(),
});

export type DesignRedOutput = z.infer<typeof designRedOutputSchema>;

export function designRedOutputOf(value: unknown): DesignRedOutput {
  const parsed = designRedOutputSchema.safeParse(value);
  if (!parsed.success) throw new Error(`the design red step's output is not readable: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** A screenshot's artifact name: page path and width, safe as a file name. */
export { screenshotName as shotName } from '../../superpowers/design/screenshotName';
