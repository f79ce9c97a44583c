// Review: the Board reviews the change against the contract (the operations, the generated client,
// the contract tests that pass). Changes asked for send the work back to green once; a veto ends it.
import { z } from 'zod';
import { changedFiles } from '../../core/journal/changedFiles';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import { integrationRedOutputOf } from './integrationRedOutput';
import type { IntegrationDependencies } from './integrationWorkflow';

const greenSchema = z.object({ summary: z.string().default(''), client: z.string().optional() });
const inputSchema = z.object({ request: z.string().min(1), red: z.unknown(), green: z.unknown() });

export function integrationReviewStep(deps: IntegrationDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request, red: redInput, green: greenInput } = inputSchema.parse(input);
      const red = integrationRedOutputOf(redInput);
      const green = greenSchema.parse(greenInput ?? {});
      const { workflowId } = context;
      const changes = await changedFiles(workflowId, deps.undo, deps.workspace);
      const review = await deps.board.review(
        { kind: 'change', request, criteria: [...red.criteria, `The contract tests ${red.testFile} pass against a mock of ${red.spec}.`, ...(green.client ? [`The client ${green.client} is generated from ${red.spec} (openapi-typescript, openapi-fetch), not written by hand.`] : [])], changes },
        { workflowId, signal: context.signal },
      );
      const findings = review.verdicts.flatMap((verdict) => (verdict.decision === 'approve' ? [] : [`${verdict.title}: ${verdict.summary}`, ...verdict.findings.map((f) => `${verdict.title} [${f.severity}] ${f.message}`)]));
      const output = { outcome: review.outcome, reasons: [...review.reasons], findings, files: changes.map((change) => change.path), summary: `Board: ${review.outcome}. ${green.summary}` };
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the change: ${review.reasons.join('; ')}`, output);
      if (review.outcome !== 'approved') return { output, goto: 'green' };
      return { output };
    },
  };
}
