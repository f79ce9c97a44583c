// The agents a workflow's planned tasks are dispatched to, as the runtime builds them over the
// model, the workspace and the test runner it opened. DesignBot needs a browser: without a page
// inspector it is not registered, so the Product Owner is not offered it. Adding an agent is a
// line here (or a register() call on the returned registry).
import type { ModelClient, TestRunner, Workspace } from '../../core/ports';
import type { PageInspector } from '../../superpowers/design/pageInspector';
import { codeBotAgent } from './codeBotAgent';
import { designBotAgent } from './designBotAgent';
import { TaskAgents } from './taskAgents';
import { TEST_BOT_AGENT } from './testBotAgent';

export interface TaskAgentDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  /** The browser for the workspace's pages; without one there is no DesignBot. */
  readonly pages?: PageInspector;
}

export function builtInTaskAgents(deps: TaskAgentDependencies): TaskAgents {
  const agents = new TaskAgents([codeBotAgent(deps), TEST_BOT_AGENT]);
  if (deps.pages) agents.register(designBotAgent({ ...deps, pages: deps.pages }));
  return agents;
}
