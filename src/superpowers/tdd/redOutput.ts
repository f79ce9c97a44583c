// The red step's output as later steps read it back from the workflow state (JSON, so checked).
import { z } from 'zod';

export const redOutputSchema = z.object({
  testFiles: z.array(z.string()),
  redTests: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      file: z.string(),
      status: z.enum(['passed', 'failed', 'skipped']),
      message: z.string().optional(),
    }),
  ),
  failingBefore: z.array(z.string()),
});
