// IntegrationBot as a dispatchable agent: its integration tasks are checked like CodeBot's, by the
// tests written first (contract tests among them); what only a person may change it cannot write.
import type { IntegrationTools } from '../../core/integration/integrationTools';
import type { ModelClient, TestRunner, Workspace } from '../../core/ports';
import { runIntegrationBot } from '../integrationBot';
import type { TestCheckedAgent } from './taskAgent';
import { agentTaskOf, attemptOf } from './taskWork';

export interface IntegrationBotAgentDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  readonly integration: IntegrationTools;
}

export function integrationBotAgent(deps: IntegrationBotAgentDependencies): TestCheckedAgent {
  return {
    id: 'integrationbot',
    title: 'IntegrationBot',
    handles: 'integrates with an HTTP API from its OpenAPI description (a generated typed client wired into the code, checked against a mock of the API) and prepares deployments (compose files, CI workflows, Dockerfiles) as plans a person approves and runs; name the API description or the deployment in the task.',
    kind: 'test-checked',
    async attempt(work, run) {
      const result = await runIntegrationBot(
        agentTaskOf(work),
        { model: deps.model, workspace: deps.workspace, tests: deps.tests, events: run.emit, integration: deps.integration, ...(work.tools && { tools: work.tools }), ...(work.equipTools && { equipTools: work.equipTools }) },
        { workflowId: run.workflowId, ...(run.taskId !== undefined && { taskId: run.taskId }), signal: run.signal, ...(run.maxSteps !== undefined && { maxSteps: run.maxSteps }) },
      );
      return attemptOf(result, run);
    },
  };
}
