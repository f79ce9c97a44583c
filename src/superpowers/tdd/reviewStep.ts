// Review: the Board reviews the diff and a fresh run of the suite. Changes requested send the work
// back to green with the findings (bounded by the definition); a veto ends the workflow. A run whose
// passes cannot be trusted (see greenGate) is shown to the Board with the reasons, and the change
// goes back to green whatever the Board decided, short of a veto. Approved,
// the workflow's lessons are kept in long-term memory, with this run and this decision as proof.
import { z } from 'zod';
import { changedFiles } from '../../core/journal/changedFiles';
import type { HealableStepHandler } from '../../core/healing/recoveryHint';
import { TerminalStepError } from '../../core/orchestrator/stepHandler';
import type { TddStepDependencies } from './stepDependencies';
import { criteriaOf } from '../planning/plan';
import { agentOutcomesOf } from './agentOutcome';
import { learnFrom } from './learning';
import { redOutputOf } from './redOutput';
import { runSuite } from './suiteRun';

const greenOutputSchema = z.object({
  fixed: z.object({ failure: z.string(), by: z.string() }).optional(),
  addressed: z.array(z.string()).optional(),
});

const inputSchema = z.object({ request: z.string().min(1), criteria: z.unknown(), red: z.unknown(), green: z.unknown().optional() });

export function reviewStep(deps: TddStepDependencies): HealableStepHandler {
  return {
    async run(input, context, hint) {
      const { request: asked, criteria: criteriaInput, red: redInput, green: greenInput } = inputSchema.parse(input);
      const criteria = criteriaOf(criteriaInput, context.step);
      const red = redOutputOf(redInput, 'review');
      const { workflowId } = context;
      const request = await deps.memory.request(workflowId, asked, hint?.editedRequest);
      await deps.memory.recordRecovery(context, hint);
      const changes = await changedFiles(workflowId, deps.undo, deps.workspace);
      const tests = await runSuite(deps.tests, context, `${workflowId} review`, { timeoutMs: deps.limits.testTimeoutMs });
      // What agents with their own checks showed (DesignBot's screenshots before and after) goes to the Board with the criteria.
      const shown = agentOutcomesOf(greenInput).flatMap((outcome) => [
        ...(outcome.criteria ?? []).map((line) => `${outcome.title}'s check: ${line}`),
        ...(outcome.evidence?.lines ?? []).map((line) => `Screenshot ${line}`),
        ...(outcome.evidence?.undecided ?? []).map((line) => `Not decided by the checks (for a person to look at): ${line}`),
        ...(outcome.evidence?.advice ?? []).map((line) => `Advice (not a gate): ${line}`),
      ]);
      const review = await deps.board.review({ kind: 'change', request, criteria: [...criteria, ...shown], changes, tests, skills: deps.skills?.usedBy(workflowId) ?? [] }, { workflowId, signal: context.signal });
      const untrusted = tests.untrusted ?? [];
      const findings = [
        ...untrusted.map((reason) => `Imperium: the review's test run cannot be trusted: ${reason}`),
        ...review.verdicts.flatMap((verdict) =>
          verdict.decision === 'approve' ? [] : [`${verdict.title}: ${verdict.summary}`, ...verdict.findings.map((f) => `${verdict.title} [${f.severity}] ${f.message}${f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : ''}`)],
        ),
      ];
      const outcome = review.outcome === 'approved' && untrusted.length > 0 ? 'changes-requested' : review.outcome;
      const reasons = untrusted.length > 0 ? [`the review's test run cannot be trusted, so the change cannot be approved: ${untrusted.join('; ')}`, ...review.reasons] : [...review.reasons];
      const output = { outcome, reasons, findings, files: changes.map((c) => c.path) };
      await deps.memory.record(workflowId, {
        kind: 'decision',
        text: `The Board on the change: ${outcome} (${[...reasons, ...findings].join('; ')})`,
        by: 'board',
        taskId: context.taskId,
      });
      if (review.outcome === 'vetoed') throw new TerminalStepError(`the Board vetoed the change: ${review.reasons.join('; ')}`, output);
      if (outcome !== 'approved') return { output, goto: 'green' };
      // An unreadable green output (a workflow started before learning kept these) only teaches less.
      const green = greenOutputSchema.safeParse(greenInput ?? {});
      const learned = await learnFrom(deps, context, {
        evidence: { workflowId, request, finalTests: tests, board: review, files: output.files },
        sources: { request, framework: tests.framework, testFiles: red.testFiles, ...(green.success && green.data) },
      });
      return { output: { ...output, learned } };
    },
  };
}
