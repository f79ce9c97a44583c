// The deploy workflow as a module: a deployment request ends in a plan a person approves and runs;
// nothing in it is executed by an agent. Without the deployment tools its steps end saying so.
import { withHealing, type HealingOptions } from '../../core/healing/healingStepHandler';
import { TerminalStepError, type StepHandler } from '../../core/orchestrator/stepHandler';
import { buildWorkflowReport } from '../workflowReport';
import { ModuleInputError, type WorkflowModule } from '../workflowModule';
import { deployPlanStep } from './deployPlanStep';
import { deployStageStep } from './deployStageStep';
import { DEPLOY_PHASES, DEPLOY_WORKFLOW, type DeployDependencies } from './deployWorkflow';

const NO_TOOLS: StepHandler = {
  run: () => {
    throw new TerminalStepError('the deploy workflow needs the deployment file tools, and this host gives none.');
  },
};

export const deployModule: WorkflowModule = (() => {
  const module: WorkflowModule = {
    id: 'deploy',
    title: 'Deploy (a plan you approve and run)',
    description:
      'Turns a deployment request into a plan: the files it changes (compose files, CI workflows, Dockerfiles, each checked offline), staged for you to approve one by one, and the exact commands, which you run yourself. No agent runs a command or writes a deployment file.',
    definition: DEPLOY_WORKFLOW,
    phases: DEPLOY_PHASES,
    input({ request }) {
      const text = request.trim();
      if (text === '') throw new ModuleInputError('The request is empty: say what to deploy, and where.');
      return { request: text };
    },
    registerSteps(handlers, deps, healing: HealingOptions) {
      if (!deps.integration) {
        handlers.register('deploy.plan', NO_TOOLS).register('deploy.stage', NO_TOOLS);
        return;
      }
      const deploy: DeployDependencies = { model: deps.model, workspace: deps.workspace, tests: deps.tests, integration: deps.integration, ...(deps.approvals && { approvals: deps.approvals }), limits: deps.limits, logger: deps.logger };
      handlers.register('deploy.plan', withHealing(deployPlanStep(deploy), healing)).register('deploy.stage', deployStageStep(deploy));
    },
    report(input) {
      const plan = input.workflow.tasks.find((task) => task.step === 'stage' && task.status === 'COMPLETED')?.output as { commands?: { command: string; whyPerson: string }[]; files?: { path: string; status: string }[] } | undefined;
      return buildWorkflowReport(module, input, {
        criteria: [],
        tasks: [...(plan?.files ?? []).map((file) => `${file.path}: ${file.status}`), ...(plan?.commands ?? []).map((command) => `you run: ${command.command} (${command.whyPerson})`)],
        learned: [],
      });
    },
  };
  return module;
})();
