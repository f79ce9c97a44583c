// Review: the Board reviews the diff and a fresh run of the suite. Changes requested send the work
// back to green with the findings (bounded by the definition); a veto ends the workflow.
import { z } from 'zod';
import { changedFiles } from '../../core/journal/changedFiles';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import type { FeatureDependencies } from './featureWorkflow';
import { runSuite } from './suiteRun';

const inputSchema = z.object({ request: z.string().min(1), criteria: z.array(z.string()) });

export function reviewStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, criteria } = inputSchema.parse(input);
      const changes = await changedFiles(context.workflowId, deps.undo, deps.workspace);
      const tests = await runSuite(deps.tests, context, `${context.workflowId} review`, { timeoutMs: deps.limits.testTimeoutMs });
      const review = await deps.board.review({ kind: 'change', request, criteria, changes, tests }, { workflowId: context.workflowId, signal: context.signal });
      const findings = review.verdicts.flatMap((verdict) =>
        verdict.decision === 'approve' ? [] : [`${verdict.title}: ${verdict.summary}`, ...verdict.findings.map((f) => `${verdict.title} [${f.severity}] ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`)],
      );
      const output = { outcome: review.outcome, reasons: [...review.reasons], findings, files: changes.map((c) => c.path) };
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the change: ${review.reasons.join('; ')}`, output);
      return review.outcome === 'approved' ? { output } : { output, goto: 'green' };
    },
  };
}
