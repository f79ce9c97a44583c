// Plan: IntegrationBot turns the deployment request into a plan. It has only the tools that read
// the workspace and check files (none writes or runs anything, tests included), every write is
// refused besides (a deployment changes files only through its plan); its finish is refused until each deployment file of the plan
// checks valid offline.
import { z } from 'zod';
import { runIntegrationBot } from '../../agents/integrationBot';
import { type HealableStepHandler, StepFailure } from '../../core/healing/recoveryHint';
import type { DeployDependencies } from './deployWorkflow';

const inputSchema = z.object({ request: z.string().min(1) });

export const PLAN_ONLY = 'a deployment changes files only through its plan: put the whole file in finish\'s deployment.files, where a person approves it.';

export function deployPlanStep(deps: DeployDependencies): HealableStepHandler {
  return {
    async run(input, context) {
      const { request } = inputSchema.parse(input);
      const result = await runIntegrationBot(
        {
          description: `Prepare this deployment as a plan a person approves and runs; change no file yourself and run nothing: ${request}`,
          context: 'Your finish must carry deployment: { summary, files: [{ path, content, purpose }], commands: [{ command, purpose }] }. Commands are the exact ones a person types, in order, and only ones that exist for the tools the workspace uses.',
        },
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: context.emit, integration: deps.integration, planOnly: true },
        { workflowId: context.workflowId, taskId: context.taskId, signal: context.signal, maxSteps: deps.limits.agentSteps, canWrite: () => PLAN_ONLY },
      );
      if (result.outcome === 'canceled') throw context.signal.reason ?? new Error(result.reason);
      if (result.outcome !== 'finished') throw new StepFailure('step-failed', `IntegrationBot did not finish the deployment plan: ${result.reason}`);
      if (!result.answer.deployment) throw new StepFailure('step-failed', 'IntegrationBot finished without a deployment plan.');
      return { output: { ...result.answer.deployment } };
    },
  };
}
