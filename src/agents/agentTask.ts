// What an agent is asked to do, and what it runs with: shared by CodeBot and TestBot.
import type { EventSink, ModelClient, TestRunner, Workspace } from '../core/ports';
import type { AgentDefinition } from './agentLoop';
import type { AgentRole } from '../shared/agents';
import type { AgentTool, ToolContext, WriteGuard } from './tools/agentTool';

export interface AgentTask {
  /** What to do, in a sentence or a few. */
  readonly description: string;
  readonly acceptanceCriteria?: readonly string[];
  /** Anything else the agent should know: relevant files, the last test failures, the Board's remarks. */
  readonly context?: string;
}

export interface AgentDependencies {
  readonly model: ModelClient;
  readonly workspace: Workspace;
  readonly tests: TestRunner;
  readonly events: EventSink;
  /** Tools the workflow adds to the role's own, such as recall_memory. */
  readonly tools?: readonly AgentTool[];
  /** Takes the role's tools and returns them as the agent gets them (use_skill added, under the skills' allowed-tools). */
  readonly equipTools?: (tools: readonly AgentTool[]) => AgentTool[];
}

export interface AgentRunOptions {
  readonly workflowId: string;
  readonly taskId?: string;
  readonly signal?: AbortSignal;
  /** Model calls allowed; see AgentRunInput.maxSteps. */
  readonly maxSteps?: number;
  /** Replaces the role's own write guard (e.g. a stricter one for one phase). */
  readonly canWrite?: WriteGuard;
}

/** The first user message: the task, its criteria, then its context. */
export function taskMessage(task: AgentTask): string {
  const parts = [`Task: ${task.description.trim()}`];
  if (task.acceptanceCriteria?.length) {
    parts.push(`Acceptance criteria:\n${task.acceptanceCriteria.map((criterion, index) => `${index + 1}. ${criterion.trim()}`).join('\n')}`);
  }
  if (task.context?.trim()) parts.push(`Context:\n${task.context.trim()}`);
  return parts.join('\n\n');
}

/** The role's definition with the workflow's tools added to its own. */
export function withTools<Answer extends { readonly summary: string }>(agent: AgentDefinition<Answer>, dependencies: AgentDependencies): AgentDefinition<Answer> {
  const tools = dependencies.tools?.length ? [...agent.tools, ...dependencies.tools] : agent.tools;
  const equipped = dependencies.equipTools ? dependencies.equipTools(tools) : tools;
  return equipped === agent.tools ? agent : { ...agent, tools: equipped };
}

/** The tools' context for a role: writes journalled under it, its guard unless the options replace it. */
export function toolContext(role: AgentRole, defaultGuard: WriteGuard, dependencies: AgentDependencies, options: AgentRunOptions): ToolContext {
  const canWrite = options.canWrite ?? defaultGuard;
  return {
    workspace: dependencies.workspace,
    tests: dependencies.tests,
    origin: { workflowId: options.workflowId, ...(options.taskId !== undefined && { taskId: options.taskId }), agent: role, guard: canWrite },
    canWrite,
    signal: options.signal,
  };
}
