// The engine's typed event stream. The orchestrator assigns `seq` and `at` when it publishes;
// the host fans events out to the views, the CLI prints them, the store appends them to a log.
import type { AgentRole } from './agents';
import type { SkillUse } from './superpowers';
import type { TaskStatus, WorkflowStatus } from './taskStatus';
import type { RunConfinement, TestCaseResult, TestRunOutcome, TestSummary } from './testResults';

export interface TokenUsage {
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
}

interface EventBase {
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly workflowId?: string;
  readonly taskId?: string;
}

export interface WorkflowEvent extends EventBase {
  readonly type: 'workflow';
  readonly workflowId: string;
  readonly status: WorkflowStatus;
  /** The step the workflow is on, by name. */
  readonly step?: string;
  readonly reason?: string;
}

export interface TaskEvent extends EventBase {
  readonly type: 'task';
  readonly workflowId: string;
  readonly taskId: string;
  readonly step: string;
  readonly status: TaskStatus;
  /** 0 for the first attempt. */
  readonly retryCount: number;
  readonly reason?: string;
}

export interface AgentEvent extends EventBase {
  readonly type: 'agent';
  readonly agent: AgentRole;
  readonly state: 'started' | 'step' | 'finished' | 'failed';
  /** The agent loop's step number, for 'step'. */
  readonly step?: number;
  readonly message?: string;
}

export interface ToolCallEvent extends EventBase {
  readonly type: 'tool';
  readonly agent: AgentRole;
  readonly tool: string;
  /** The file the call concerns, workspace-relative, when it has one. */
  readonly path?: string;
  readonly outcome: 'ok' | 'error' | 'refused';
  readonly durationMs: number;
  readonly message?: string;
}

export interface TestRunEvent extends EventBase {
  readonly type: 'test-run';
  readonly label: string;
  readonly state: 'started' | 'finished';
  readonly outcome?: TestRunOutcome;
  readonly summary?: TestSummary;
  /** The failed tests of a finished run, so views can show their messages and locations; the emitter caps the list. */
  readonly failures?: readonly TestCaseResult[];
  /** How the finished run's processes were confined, when the runner says. */
  readonly confinement?: RunConfinement;
}

export interface TokensEvent extends EventBase {
  readonly type: 'tokens';
  readonly agent: AgentRole;
  readonly model: string;
  readonly usage: TokenUsage;
  /** Undefined when no price is configured for the model. */
  readonly costUsd?: number;
}

export interface RetryEvent extends EventBase {
  readonly type: 'retry';
  readonly what: 'model-call' | 'task';
  /** The role whose model call is retried; absent for a task, and for an embedding call, which no role makes. */
  readonly agent?: AgentRole;
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface VerdictEvent extends EventBase {
  readonly type: 'verdict';
  readonly subject: 'plan' | 'change';
  /** A Board member's role, or 'board' for the aggregated decision. */
  readonly member: 'cto' | 'cso' | 'product-owner' | 'board';
  readonly decision: 'approve' | 'request-changes' | 'veto' | 'invalid' | 'approved' | 'changes-requested' | 'vetoed';
  readonly summary: string;
}

/** The kinds of failure the healing layer tells apart; each has its own retry ladder. */
export type HealingFailure = 'model-error' | 'timeout' | 'stall' | 'doom-loop' | 'ping-pong' | 'deadlock' | 'budget' | 'step-failed' | 'interrupted';

/** What the healing layer noticed (a detector fired) or did about a failure (a step of the retry ladder). */
export interface HealingEvent extends EventBase {
  readonly type: 'healing';
  readonly workflowId: string;
  readonly action:
    | 'detected'
    | 'retry'
    | 'reduce-context'
    | 'fallback-model'
    | 'ask-board'
    | 'ask-human'
    | 'skip'
    | 'abort'
    | 'recovered'
    | 'gave-up'
    | 'rolled-back';
  readonly failure: HealingFailure;
  /** The attempt the action leads to (2 for the first retry). */
  readonly attempt?: number;
  readonly delayMs?: number;
  readonly agent?: AgentRole;
  /** One line a person can read: what was seen, or what was decided and why. */
  readonly summary: string;
  /** The Board's or the person's answer, for ask-board and ask-human. */
  readonly choice?: string;
}

/** An agent loaded a skill's instructions (or one of its files) with use_skill. */
export interface SkillEvent extends EventBase, SkillUse {
  readonly type: 'skill';
  readonly agent: AgentRole;
  /** The skill's file read, relative to its folder; absent for SKILL.md itself. */
  readonly file?: string;
  /** `file` is one of its scripts, and it ran (a person approved it; confined). */
  readonly ran?: true;
}

/**
 * Whether a workflow's test runs may reach the network: a person allowed it when the workflow
 * started (the CLI's --allow-network, the editor's imperium.tests.allowNetwork) or while it ran.
 * The last such event of a workflow holds, across resumes; without one, its runs have no network.
 */
export interface NetworkEvent extends EventBase {
  readonly type: 'network';
  readonly workflowId: string;
  readonly allowed: boolean;
  /** 'start': asked for as the workflow started; 'person': given (or taken back) while it ran. */
  readonly by: 'start' | 'person';
}

export type EngineEvent =
  | WorkflowEvent
  | NetworkEvent
  | TaskEvent
  | AgentEvent
  | ToolCallEvent
  | TestRunEvent
  | TokensEvent
  | RetryEvent
  | VerdictEvent
  | HealingEvent
  | SkillEvent;

/** An event before the orchestrator stamps it. */
export type EngineEventInput = EngineEvent extends infer E ? (E extends EngineEvent ? Omit<E, 'seq' | 'at'> : never) : never;
