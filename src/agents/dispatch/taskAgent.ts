// An agent the orchestrator can hand a planned task to, as the runtime registers it. Three kinds,
// by what checks their work:
// - writes-tests (TestBot): its tasks are the tests a test-first workflow writes first, in red;
// - test-checked (CodeBot): it changes the code until the tests written first pass (the green gate);
// - self-checked (DesignBot): it brings its own checks, run before it changes anything (what fails
//   now) and after each try (the gate), and the evidence the Board and the report are shown.
// Adding an agent is building one of these and registering it (builtInTaskAgents.ts).
import type { EventSink } from '../../core/ports';
import type { DesignScreenshot } from '../../shared/designScreenshots';
import type { AgentRole } from '../../shared/agents';
import type { AgentDependencies } from '../agentTask';
import type { AgentTool } from '../tools/agentTool';

interface TaskAgentBase {
  readonly id: AgentRole;
  /** The name a person reads: 'CodeBot'. */
  readonly title: string;
  /** One sentence: which tasks are its, for the Product Owner who tags them. */
  readonly handles: string;
}

/** What one try at an agent's tasks is given. */
export interface TaskWork {
  /** The person's request, as the workflow has it. */
  readonly request: string;
  /** The plan's acceptance criteria (for self-checked agents, its checks in words). */
  readonly criteria: readonly string[];
  /** This agent's tasks, in the plan's order; empty when the plan gave it the whole request. */
  readonly tasks: readonly string[];
  /** Everything else it should know: memory, the Board's findings, what failed last time. */
  readonly context: string;
  /** Tools the workflow adds to the agent's own (recall_memory). */
  readonly tools?: readonly AgentTool[];
  readonly equipTools?: AgentDependencies['equipTools'];
}

/** Which workflow, task and signal a try runs under, and where its events go. */
export interface TaskRun {
  readonly workflowId: string;
  readonly taskId?: string;
  readonly signal: AbortSignal;
  readonly emit: EventSink;
  readonly maxSteps?: number;
}

/** How a try ended: the agent's own account; the gate, not this, decides whether the work is done. A canceled try throws. */
export type TaskAttempt =
  | { readonly outcome: 'finished'; readonly summary: string; readonly changedFiles: readonly string[] }
  | { readonly outcome: 'ended'; readonly reason: string };

export interface TestWriterAgent extends TaskAgentBase {
  readonly kind: 'writes-tests';
}

export interface TestCheckedAgent extends TaskAgentBase {
  readonly kind: 'test-checked';
  attempt(work: TaskWork, run: TaskRun): Promise<TaskAttempt>;
}

/** What a self-checked agent's checks established before it changed anything. */
export interface ChecksBefore {
  /** The checks in words. */
  readonly criteria: readonly string[];
  /** What fails now, a line each; empty: the checks already pass, and hold the change to keeping them so. */
  readonly failing: readonly string[];
  /** What the checks need again after a try (pages, widths, screenshots before), as JSON. */
  readonly state: Readonly<Record<string, unknown>>;
}

/** What the Board and the report are shown once a self-checked agent's checks pass. */
export interface CheckEvidence {
  readonly lines: readonly string[];
  readonly screenshots: readonly DesignScreenshot[];
  /** What the checks could not decide, for a person; not a gate. */
  readonly undecided: readonly string[];
  /** Advice the checks give (APCA contrast); not a gate. */
  readonly advice: readonly string[];
}

export interface AgentChecks {
  before(work: Pick<TaskWork, 'request' | 'tasks'>, run: TaskRun): Promise<ChecksBefore>;
  /** What still fails after a try, a line each. */
  failing(before: ChecksBefore, run: TaskRun): Promise<string[]>;
  evidence(before: ChecksBefore, run: TaskRun): Promise<CheckEvidence>;
}

export interface SelfCheckedAgent extends TaskAgentBase {
  readonly kind: 'self-checked';
  readonly checks: AgentChecks;
  attempt(work: TaskWork, run: TaskRun): Promise<TaskAttempt>;
}

export type TaskAgent = TestWriterAgent | TestCheckedAgent | SelfCheckedAgent;
