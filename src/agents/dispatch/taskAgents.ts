// The registry of agents the orchestrator dispatches planned tasks to, built once by the runtime.
// The Product Owner is told who is registered and what each handles; a plan that names an agent
// that is not registered is refused with the names there are.
import type { AgentRole } from '../../shared/agents';
import type { PlannedTask } from '../../superpowers/planning/plannedTask';
import type { SelfCheckedAgent, TaskAgent, TestCheckedAgent } from './taskAgent';

export class UnknownTaskAgentError extends Error {
  override readonly name = 'UnknownTaskAgentError';
  constructor(
    readonly agent: string,
    readonly known: readonly string[],
  ) {
    super(`No agent "${agent}" is registered; the agents are: ${known.join(', ') || 'none'}.`);
  }
}

export class TaskAgentRegistrationError extends Error {
  override readonly name = 'TaskAgentRegistrationError';
}

export class TaskAgents {
  private readonly byId = new Map<AgentRole, TaskAgent>();

  constructor(agents: readonly TaskAgent[] = []) {
    for (const agent of agents) this.register(agent);
  }

  register(agent: TaskAgent): this {
    if (this.byId.has(agent.id)) throw new TaskAgentRegistrationError(`The agent "${agent.id}" is registered twice.`);
    if (agent.id === 'product-owner' || agent.id === 'cto' || agent.id === 'cso') throw new TaskAgentRegistrationError(`"${agent.id}" sits on the Board; it reviews tasks and does none.`);
    if (!agent.title.trim() || !agent.handles.trim()) throw new TaskAgentRegistrationError(`The agent "${agent.id}" needs a title and a sentence saying which tasks it handles.`);
    this.byId.set(agent.id, agent);
    return this;
  }

  ids(): AgentRole[] {
    return [...this.byId.keys()];
  }

  list(): readonly TaskAgent[] {
    return [...this.byId.values()];
  }

  has(id: string): boolean {
    return this.byId.has(id as AgentRole);
  }

  get(id: string): TaskAgent {
    const agent = this.byId.get(id as AgentRole);
    if (!agent) throw new UnknownTaskAgentError(id, this.ids());
    return agent;
  }

  /** What the Product Owner is told: each agent's id and the tasks that are its. */
  guide(): string {
    return this.list()
      .map((agent) => `- "${agent.id}" (${agent.title}): ${agent.handles}`)
      .join('\n');
  }

  /**
   * A plan's tasks split by who carries them out: TestBot's go to the red step; the rest in groups,
   * one per agent, in the order the plan first names each. The tests written first always have an
   * agent to make them pass: CodeBot, when no task is given to a test-checked agent.
   */
  dispatch(tasks: readonly PlannedTask[]): TaskDispatch {
    const unknown = tasks.filter((task) => !this.has(task.agent));
    if (unknown.length > 0) throw new UnknownTaskAgentError(unknown[0].agent, this.ids());
    const testWriting: string[] = [];
    const groups = new Map<AgentRole, string[]>();
    for (const { task, agent } of tasks) {
      if (this.get(agent).kind === 'writes-tests') testWriting.push(task);
      else groups.set(agent, [...(groups.get(agent) ?? []), task]);
    }
    const testChecked: AgentTasks<TestCheckedAgent>[] = [];
    const selfChecked: AgentTasks<SelfCheckedAgent>[] = [];
    for (const [id, agentTasks] of groups) {
      const agent = this.get(id);
      if (agent.kind === 'test-checked') testChecked.push({ agent, tasks: agentTasks });
      else if (agent.kind === 'self-checked') selfChecked.push({ agent, tasks: agentTasks });
    }
    if (testChecked.length === 0) {
      const codeBot = this.byId.get('codebot');
      if (codeBot?.kind !== 'test-checked') throw new TaskAgentRegistrationError('No test-checked agent is registered to make the tests written first pass (CodeBot).');
      testChecked.push({ agent: codeBot, tasks: [] });
    }
    return { testWriting, testChecked, selfChecked };
  }
}

export interface AgentTasks<Agent extends TaskAgent> {
  readonly agent: Agent;
  /** Empty: the agent works from the request and criteria alone. */
  readonly tasks: readonly string[];
}

export interface TaskDispatch {
  /** Tasks for the tests written first (TestBot's, in red). */
  readonly testWriting: readonly string[];
  /** Agents held to the tests written first; every try runs each, then the green gate runs once. */
  readonly testChecked: readonly AgentTasks<TestCheckedAgent>[];
  /** Agents held to their own checks, after the tests pass, one after another. */
  readonly selfChecked: readonly AgentTasks<SelfCheckedAgent>[];
}
