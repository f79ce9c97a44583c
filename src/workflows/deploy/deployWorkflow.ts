// The deploy workflow as data: plan (IntegrationBot writes nothing and runs nothing: it proposes
// the files a deployment changes and the exact commands, each deployment file checked offline),
// then stage (each file goes to a person to approve, never the Board; the commands are listed for
// the person to run from the plan). No step of it runs a command.
import type { IntegrationTools } from '../../core/integration/integrationTools';
import type { WorkflowDefinitionInput } from '../../core/orchestrator/workflowDefinition';
import type { Approvals, Logger, ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { WorkflowLimits } from '../../shared/workflowLimits';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';

export interface DeployDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  readonly integration: IntegrationTools;
  /** Who approves each staged file; without one (a headless run) every file stays staged. */
  readonly approvals?: Approvals;
  readonly limits: WorkflowLimits;
  readonly logger: Logger;
}

export const DEPLOY_WORKFLOW: WorkflowDefinitionInput = {
  name: 'deploy',
  version: 1,
  steps: [
    { name: 'plan', handler: 'deploy.plan', inputs: { request: '${workflow.input.request}' }, retry: { retryCount: 1, retryDelayMs: 1000 } },
    { name: 'stage', handler: 'deploy.stage', inputs: { plan: '${plan.output}' } },
  ],
};

export const DEPLOY_PHASES: readonly WorkflowPhaseInfo[] = [
  { id: 'plan', title: 'Plan', steps: ['plan'] },
  { id: 'stage', title: 'Your approval', steps: ['stage'] },
];
