// What the command center and the sidebar show: a bounded view of the engine's event stream. The
// host keeps one (its snapshot) and each webview keeps its own, both built by dashboardReducer.ts
// from the same updates, so a reopened view starts where the host is and follows it from there.
import type { AgentRole } from './agents';
import type { EngineEvent } from './events';
import type { WorkflowStatus } from './taskStatus';
import type { TestRunOutcome, TestSummary } from './testResults';

/** Where a workflow stands, as the views name it: its step when it is a TDD phase, else how it ended. */
export const PHASES = ['plan', 'red', 'green', 'refactor', 'review', 'done', 'failed'] as const;
export type Phase = (typeof PHASES)[number];

/**
 * Caps that keep a view's memory bounded however long the editor stays open; older entries are
 * dropped first. Text from models and files is cut to `textChars`.
 */
export const DASHBOARD_LIMITS = {
  workflows: 50,
  timeline: 200,
  verdictsPerWorkflow: 30,
  testRunsPerWorkflow: 30,
  failuresPerRun: 20,
  textChars: 500,
} as const;

/**
 * A workflow's name and steps, which its events do not carry, and its status as the store has it.
 * The host sends one when it first meets a workflow (at start-up, or on its first event).
 */
export interface WorkflowDescription {
  readonly type: 'workflow-description';
  readonly workflowId: string;
  readonly name: string;
  readonly steps: readonly string[];
  readonly status: WorkflowStatus;
  readonly step?: string;
  readonly reason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly endedAt?: number;
}

/** Everything that changes a dashboard: an engine event, or a workflow's description. */
export type DashboardUpdate = EngineEvent | WorkflowDescription;

export interface TokenTally {
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly totalTokens: number;
  /** The cost of the calls whose model has a price. */
  readonly costUsd: number;
  /** Calls whose model has no configured price: their cost is unknown, not zero. */
  readonly unpricedCalls: number;
}

export type TokenTallies = Readonly<Partial<Record<AgentRole, TokenTally>>>;

export interface TestFailureView {
  readonly name: string;
  readonly file: string;
  /** 1-based; the failure's own line when the stack gave one, else the test's declaration. */
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

export interface TestRunView {
  readonly seq: number;
  readonly at: number;
  readonly label: string;
  readonly state: 'running' | 'finished';
  readonly outcome?: TestRunOutcome;
  readonly summary?: TestSummary;
  readonly failures: readonly TestFailureView[];
}

export interface VerdictView {
  readonly seq: number;
  readonly at: number;
  readonly subject: 'plan' | 'change';
  readonly member: 'cto' | 'cso' | 'product-owner' | 'board';
  readonly decision: string;
  /** The member's reasons. */
  readonly summary: string;
}

export interface WorkflowView {
  readonly id: string;
  /** Empty until the workflow is described. */
  readonly name: string;
  /** Empty until the workflow is described. */
  readonly steps: readonly string[];
  readonly status: WorkflowStatus;
  readonly step?: string;
  readonly reason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly endedAt?: number;
  /** Time spent in each step (by step name) over the task attempts that ended. */
  readonly stepMs: Readonly<Record<string, number>>;
  /** The attempt running now, for the time spent in its step so far. */
  readonly openTask?: { readonly taskId: string; readonly step: string; readonly since: number };
  readonly retries: number;
  readonly testRuns: readonly TestRunView[];
  readonly verdicts: readonly VerdictView[];
  readonly tokens: TokenTallies;
}

export type TimelineKind = 'workflow' | 'task' | 'agent' | 'tool' | 'test-run' | 'retry' | 'verdict';
export type TimelineOutcome = 'ok' | 'error' | 'refused' | 'running' | 'info';

/** One line of the activity timeline. */
export interface TimelineEntry {
  readonly seq: number;
  readonly at: number;
  readonly workflowId?: string;
  readonly kind: TimelineKind;
  readonly agent?: AgentRole;
  readonly tool?: string;
  readonly path?: string;
  readonly durationMs?: number;
  readonly outcome: TimelineOutcome;
  /** Plain text, possibly written by a model: views show it as text only. */
  readonly text: string;
}

export interface AgentView {
  readonly role: AgentRole;
  readonly state: 'working' | 'finished' | 'failed';
  readonly workflowId?: string;
  readonly message?: string;
  readonly at: number;
}

export interface DashboardState {
  /** The highest event `seq` applied; events at or below it are replays and are ignored. */
  readonly lastSeq: number;
  /** Newest first. */
  readonly workflows: readonly WorkflowView[];
  /** Oldest first. */
  readonly timeline: readonly TimelineEntry[];
  /** The agents that have been active, in the order they first were. */
  readonly agents: readonly AgentView[];
  /** Over every workflow, including those no longer kept. */
  readonly tokens: TokenTallies;
}

export function emptyDashboard(): DashboardState {
  return { lastSeq: 0, workflows: [], timeline: [], agents: [], tokens: {} };
}

/** Whether a control the views offer can be used, and if not, why, in words for the user. */
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** What the host behind a view can do; the views disable the rest and show why. */
export interface DashboardCapabilities {
  /** Start a workflow from a request. */
  readonly start: Availability;
  /** Approve or reject pending edits and escalations. */
  readonly approvals: Availability;
  /** Undo everything a workflow wrote. */
  readonly undo: Availability;
  /** Open the diff of a workflow's change. */
  readonly diff: Availability;
}
