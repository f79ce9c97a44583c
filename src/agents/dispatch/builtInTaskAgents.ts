// The agents a workflow's planned tasks are dispatched to, as the runtime builds them over the
// model, the workspace and the test runner it opened. DesignBot needs a browser: without a page
// inspector it is not registered, so the Product Owner is not offered it. IntegrationBot needs the
// API description and deployment file tools the runtime fills (runtime/workspaceIntegration.ts). Adding an agent is a
// line here (or a register() call on the returned registry).
import type { IntegrationTools } from '../../core/integration/integrationTools';
import type { ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { codeBotAgent } from './codeBotAgent';
import { designBotAgent } from './designBotAgent';
import { integrationBotAgent } from './integrationBotAgent';
import { TaskAgents } from './taskAgents';
import { TEST_BOT_AGENT } from './testBotAgent';

export interface TaskAgentDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  /** The browser for the workspace's pages; without one there is no DesignBot. */
  readonly pages?: PageInspector;
  /** API descriptions and deployment files; without them there is no IntegrationBot. */
  readonly integration?: IntegrationTools;
}

export function builtInTaskAgents(deps: TaskAgentDependencies): TaskAgents {
  const agents = new TaskAgents([codeBotAgent(deps), TEST_BOT_AGENT]);
  if (deps.pages) agents.register(designBotAgent({ ...deps, pages: deps.pages }));
  if (deps.integration) agents.register(integrationBotAgent({ ...deps, integration: deps.integration }));
  return agents;
}
