// The red step's output as later steps read it back from the workflow state (JSON, so checked).
import { z } from 'zod';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import type { GreenExpectations } from './greenGate';
import { asTestResults } from './suiteRun';

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
  /** Tests that ran (not skipped) before TestBot wrote any. */
  runningBefore: z.array(z.string()),
  failingBefore: z.array(z.string()),
});

export type RedOutput = z.infer<typeof redOutputSchema>;

/**
 * Red's output as a later step reads it. A red a person skipped wrote no tests, so there is nothing
 * for the later step to hold the code to: it ends the workflow, saying so.
 */
export function redOutputOf(value: unknown, step: string): RedOutput {
  const skipped = z.object({ skipped: z.literal(true), reason: z.string() }).safeParse(value);
  if (skipped.success) throw new TerminalStepError(`step "red" was skipped (after: ${skipped.data.reason}), so there are no tests for "${step}" to hold the code to`);
  return redOutputSchema.parse(value);
}

/** What the green gate holds a run to, after this red. */
export function greenExpectations(red: RedOutput): GreenExpectations {
  return {
    redTests: asTestResults(red.redTests),
    redFiles: red.testFiles,
    runningBefore: new Set(red.runningBefore),
    failingBefore: new Set(red.failingBefore),
  };
}
