// Green: DesignBot changes markup and styles until the red step's checks pass in the browser. The
// gate is the checks run here, after the agent, not the agent's word; each failing try goes back
// to DesignBot with what still fails, within the green attempts.
import { z } from 'zod';
import { runDesignBot } from '../../agents/designBot';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import { describeFindings, failingFindings } from '../../superpowers/design/designChecks';
import type { PageCheck } from '../../superpowers/design/uiCheckReport';
import { designRedOutputOf } from './designRedOutput';
import type { DesignDependencies } from './designWorkflow';

const inputSchema = z.object({ request: z.string().min(1), red: z.unknown(), findings: z.array(z.string()).optional() });

export function designGreenStep(deps: DesignDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request, red: redInput, findings } = inputSchema.parse(input);
      const red = designRedOutputOf(redInput);
      const { workflowId } = context;
      let failing = red.failing;
      let lastNote = '';
      for (let attempt = 1; attempt <= deps.limits.greenAttempts; attempt++) {
        const result = await runDesignBot(
          {
            description: request,
            acceptanceCriteria: red.criteria,
            context: [
              `Pages: ${red.pages.join(', ')}. Widths: ${red.widths.join(', ')} px.`,
              `What fails now:\n${failing.map((line) => `- ${line}`).join('\n')}`,
              red.visionAdvice?.length ? `The Product Owner looked at screenshots of the failing checks and advises (advice, not a gate):\n${red.visionAdvice.map((line) => `- ${line}`).join('\n')}` : '',
              findings?.length ? `The review asked for:\n${findings.map((line) => `- ${line}`).join('\n')}` : '',
              lastNote,
            ]
              .filter(Boolean)
              .join('\n\n'),
          },
          { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, pages: deps.pages },
          { workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
        );
        if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
        const checks: PageCheck[] = [];
        for (const page of red.pages) checks.push(await deps.pages.check(page, red.widths));
        failing = describeFindings(failingFindings(checks));
        if (failing.length === 0) {
          const said = result.outcome === 'finished' ? result.answer.summary : `DesignBot stopped early (${result.reason}), but the checks pass.`;
          return {
            output: {
              summary: `The checks pass on ${red.pages.join(', ')} at ${red.widths.join(', ')} px (DesignBot's try ${attempt}). ${said}`,
              attempts: attempt,
              fixed: red.failing,
              review: checks.flatMap((check) => check.review.map((item) => `${item.page}: ${item.rule} on ${item.element}: ${item.message}`)),
              advice: checks.flatMap((check) => check.advice.map((item) => `${item.page}: ${item.message} (${item.element})`)),
              ...(findings?.length && { addressed: findings }),
            },
          };
        }
        const agentNote = result.outcome === 'finished' ? `You said: ${result.answer.summary}` : `Your attempt ended early: ${result.reason}`;
        lastNote = `Try ${attempt} did not pass the checks. ${agentNote}`;
      }
      throw new StepFailure('step-failed', `DesignBot did not make the checks pass in ${deps.limits.greenAttempts} tries; still failing: ${failing.join('; ')}`);
    },
  };
}
