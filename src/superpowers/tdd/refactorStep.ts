// Refactor: CodeBot may improve the code; the suite must stay green, or every edit of this step is
// rolled back from the journal and the workflow keeps the green version.
import { z } from 'zod';
import { runCodeBot } from '../../agents/codeBot';
import type { StepHandler } from '../../core/orchestrator/stepHandler';
import type { FeatureDependencies } from './featureWorkflow';
import { greenGate } from './greenGate';
import { greenExpectations, redOutputSchema } from './redOutput';
import { runSuite } from './suiteRun';

const inputSchema = z.object({ request: z.string().min(1), red: redOutputSchema });

const REFACTOR_TASK =
  'Refactor the code you changed for this request: clearer names, less duplication, simpler control flow. ' +
  'Do not change behaviour and do not touch tests. If the code is already clear, change nothing and call finish.';

export function refactorStep(deps: FeatureDependencies): StepHandler {
  return {
    async run(input, context) {
      const { request, red } = inputSchema.parse(input);
      const mark = await deps.undo.mark();
      const result = await runCodeBot(
        { description: REFACTOR_TASK, context: `The request was: ${request}` },
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit },
        { workflowId: context.workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps },
      );
      if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
      const timeoutMs = deps.limits.testTimeoutMs;
      const run = await runSuite(deps.tests, context, `${context.workflowId} refactor`, { timeoutMs });
      const expected = greenExpectations(red);
      const gate = greenGate(run, expected);
      if (gate.passed) {
        return { output: { kept: true, summary: result.outcome === 'finished' ? result.answer.summary : `the refactor ended early (${result.reason}); the suite is green`, tests: run.summary } };
      }
      const rollback = await deps.undo.rollback(context.workflowId, mark);
      const after = await runSuite(deps.tests, context, `${context.workflowId} refactor: after rollback`, { timeoutMs });
      const stillGreen = greenGate(after, expected);
      if (!stillGreen.passed) throw new Error(`the refactor broke the suite and rolling it back did not restore green: ${stillGreen.reason}`);
      return {
        output: {
          kept: false,
          summary: `the refactor broke the suite (${gate.reason.split('\n')[0]}); its edits were rolled back`,
          rolledBack: [...rollback.restored, ...rollback.deleted],
          tests: after.summary,
        },
      };
    },
  };
}
