// Review: screenshots after the change beside those from before, and their diffs, for the Board
// and the report; what axe could not decide goes to a person as an approval card; then the Board
// reviews the change against the checks. Changes asked for send the work back to green once.
import { z } from 'zod';
import { changedFiles } from '../../core/journal/changedFiles';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import { designRedOutputOf, shotName } from './designRedOutput';
import type { DesignDependencies } from './designWorkflow';

const greenSchema = z.object({ review: z.array(z.string()).default([]), advice: z.array(z.string()).default([]) });
const inputSchema = z.object({ request: z.string().min(1), red: z.unknown(), green: z.unknown() });

export const LOOKS_RIGHT = 'Looks right';
export const NEEDS_WORK = 'Needs work';

export function designReviewStep(deps: DesignDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request, red: redInput, green: greenInput } = inputSchema.parse(input);
      const red = designRedOutputOf(redInput);
      const green = greenSchema.parse(greenInput ?? {});
      const { workflowId } = context;
      const screenshots = [];
      for (const before of red.before) {
        const after = await deps.pages.keepScreenshot(before.page, before.width, shotName(workflowId, 'after', before.page, before.width));
        const diff = await deps.pages.keepDiff(before.path, after, shotName(workflowId, 'diff', before.page, before.width));
        screenshots.push({ page: before.page, width: before.width, before: before.path, after, diff: diff.path, differentPixels: diff.differentPixels, totalPixels: diff.totalPixels });
      }
      const shotLines = screenshots.map((shot) => `${shot.page} at ${shot.width} px: ${shot.differentPixels} of ${shot.totalPixels} pixels changed (before ${shot.before}, after ${shot.after}, diff ${shot.diff})`);

      let person: string | undefined;
      if (green.review.length > 0) {
        if (deps.approvals) {
          const decision = await deps.approvals.request(
            { kind: 'escalation', workflowId, reason: `The accessibility checks could not decide these; please look at the page:\n${green.review.map((line) => `- ${line}`).join('\n')}`, options: [LOOKS_RIGHT, NEEDS_WORK] },
            context.signal,
          );
          person = decision.approved && decision.choice !== NEEDS_WORK ? LOOKS_RIGHT : NEEDS_WORK;
          if (person === NEEDS_WORK) {
            const findings = [`A person looked at what the checks could not decide and asked for more work${decision.note ? `: ${decision.note}` : ''}.`, ...green.review];
            return { output: { outcome: 'changes-requested', findings, screenshots, shots: shotLines, person }, goto: 'green' };
          }
        } else {
          person = 'nobody to ask: listed in the report';
        }
      }

      const changes = await changedFiles(workflowId, deps.undo, deps.workspace);
      const review = await deps.board.review(
        { kind: 'change', request, criteria: [...red.criteria, ...shotLines.map((line) => `Screenshot ${line}`), ...green.advice.map((line) => `Advice (not a gate): ${line}`)], changes },
        { workflowId, signal: context.signal },
      );
      const findings = review.verdicts.flatMap((verdict) => (verdict.decision === 'approve' ? [] : [`${verdict.title}: ${verdict.summary}`, ...verdict.findings.map((f) => `${verdict.title} [${f.severity}] ${f.message}`)]));
      const output = {
        outcome: review.outcome,
        reasons: [...review.reasons],
        findings,
        files: changes.map((change) => change.path),
        screenshots,
        summary: `Board: ${review.outcome}. ${shotLines.join('; ')}`,
        ...(green.review.length > 0 && { undecided: green.review, person }),
      };
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the change: ${review.reasons.join('; ')}`, output);
      if (review.outcome !== 'approved') return { output, goto: 'green' };
      return { output };
    },
  };
}
