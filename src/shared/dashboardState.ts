// What the command center and the sidebar show: a bounded view of the engine's event stream. The
// host keeps one (its snapshot) and each webview keeps its own, both built by dashboardReducer.ts
// from the same updates, so a reopened view starts where the host is and follows it from there.
import type { DesignChecksView, WorkflowDesignChecks } from './designChecksView';
import type { IntegrationView, WorkflowIntegrationView } from './integrationView';
import type { SuperpowersView } from './superpowers';
import type { AgentRole } from './agents';
import type { EngineEvent } from './events';
import type { WorkflowStatus } from './taskStatus';
import type { TestRunOutcome, TestSummary } from './testResults';
import type { WorkflowPhaseInfo } from './workflowPhase';

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
  /** Pending approvals shown; the oldest (longest waiting) are kept. */
  approvals: 50,
  /** Lines of an edit's diff shown in the views (the editor's diff shows all of it). */
  diffLines: 400,
  filesPerWorkflow: 200,
  /** A design check's findings and screenshots shown (three widths a page, so four pages). */
  designFindings: 60,
  designShots: 12,
  memories: 100,
  /** Files and tests named in a memory's provenance. */
  provenanceItems: 20,
} as const;

/**
 * A workflow's name (its module's id), steps and phases, which its events do not carry, and its
 * status as the store has it. The host sends one when it first meets a workflow (at start-up, or on
 * its first event).
 */
export interface WorkflowDescription {
  readonly type: 'workflow-description';
  readonly workflowId: string;
  readonly name: string;
  /** What the person asked for: the workflow's title in the views. */
  readonly request?: string;
  readonly steps: readonly string[];
  /** The phases a person sees, from the workflow's module; empty for a workflow no module defines. */
  readonly phases: readonly WorkflowPhaseInfo[];
  readonly status: WorkflowStatus;
  readonly step?: string;
  readonly reason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly endedAt?: number;
  /** Where the engine's own UI shows the workflow (Conductor's, when its address is configured). */
  readonly engineLink?: EngineLink;
  /** What answered for the agents, when the views must say it: the scripted trial's model is no language model. */
  readonly modelNote?: string;
}

/** A link to the workflow in the engine's own UI. */
export interface EngineLink {
  readonly label: string;
  readonly url: string;
}

/** One line of an edit's diff: a hunk's header (`@@ -1,3 +1,4 @@`), or a line added, removed or kept. */
export interface DiffLine {
  readonly kind: 'hunk' | 'added' | 'removed' | 'context';
  readonly text: string;
}

interface ApprovalBase {
  /** PendingApprovals' id: what a decision names. */
  readonly id: string;
  readonly at: number;
  readonly workflowId: string;
}

/** A request waiting for the user's decision, as the views show it. */
export type ApprovalView =
  | (ApprovalBase & {
      readonly kind: 'edit';
      /** Workspace-relative; written by a model, shown as text. */
      readonly path: string;
      /** The file does not exist yet. */
      readonly created: boolean;
      readonly diff: readonly DiffLine[];
      /** Why the diff is incomplete or missing, when it is. */
      readonly diffNote?: string;
      /** The file runs code beyond the test run: completes "this file ..."; only a person approves it. */
      readonly runsCode?: string;
      /** Already in the workspace (its workflow ended without the Board's approval): kept or reverted, not approved. */
      readonly applied?: boolean;
    })
  | (ApprovalBase & { readonly kind: 'command'; readonly command: string })
  | (ApprovalBase & {
      readonly kind: 'escalation';
      readonly reason: string;
      /** The answers offered; the decision names one of them exactly. */
      readonly options: readonly string[];
    });

export type ApprovalKind = ApprovalView['kind'];

/** A request for the user's decision arrived. */
export interface ApprovalPending {
  readonly type: 'approval-pending';
  readonly approval: ApprovalView;
}

/** A request was decided (here or elsewhere) or withdrawn: it leaves the views. */
export interface ApprovalSettled {
  readonly type: 'approval-settled';
  readonly id: string;
}

/** A file a workflow wrote, as its journal has it. */
export interface ChangedFileView {
  /** Workspace-relative. */
  readonly path: string;
  /** The workflow created it (an undo deletes it). */
  readonly created: boolean;
}

/** The files a workflow changed so far, replacing what was known. */
export interface WorkflowFiles {
  readonly type: 'workflow-files';
  readonly workflowId: string;
  readonly files: readonly ChangedFileView[];
}

export const MEMORY_VIEW_SCOPES = ['workspace', 'global'] as const;

/** A learned memory (long-term memory), as the command center lists it. */
export interface MemoryView {
  readonly id: string;
  readonly scope: (typeof MEMORY_VIEW_SCOPES)[number];
  /** convention, fix, rule... */
  readonly kind: string;
  readonly title: string;
  /** Shown and edited whole: never clipped, so an edit cannot lose what was not shown. */
  readonly text: string;
  readonly tags: readonly string[];
  /** Where it was learned; the views show at most DASHBOARD_LIMITS.provenanceItems files and tests. */
  readonly provenance: { readonly workflowId: string; readonly files: readonly string[]; readonly tests: readonly string[] };
  readonly createdAt: number;
}

/** The learned memories now, most recently changed first, replacing what was known. */
export interface MemoriesUpdate {
  readonly type: 'memories';
  readonly memories: readonly MemoryView[];
}

/** The skills loaded now (and those rejected), replacing what was known. */
export interface SuperpowersUpdate {
  readonly type: 'superpowers';
  readonly superpowers: SuperpowersView;
}

/** Everything that changes a dashboard: an engine event, or what the host learned besides the events. */
export type DashboardUpdate = EngineEvent | WorkflowDescription | ApprovalPending | ApprovalSettled | WorkflowFiles | WorkflowDesignChecks | WorkflowIntegrationView | MemoriesUpdate | SuperpowersUpdate;

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
  /** How the run's processes were confined (model-written code), when the runner said. */
  readonly confinement?: { readonly confined: boolean; readonly note: string };
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
  /** What the person asked for, the workflow's title; empty until described (or for a workflow started without one). */
  readonly request: string;
  /** Empty until the workflow is described. */
  readonly steps: readonly string[];
  /** Its module's phases; empty until the workflow is described. */
  readonly phases: readonly WorkflowPhaseInfo[];
  readonly status: WorkflowStatus;
  readonly step?: string;
  readonly reason?: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly endedAt?: number;
  /** Where the engine's own UI shows it, when the host knows. */
  readonly engineLink?: EngineLink;
  /** What answered for the agents, when the host says (the scripted trial). */
  readonly modelNote?: string;
  /** Time spent in each step (by step name) over the task attempts that ended. */
  readonly stepMs: Readonly<Record<string, number>>;
  /** The attempt running now, for the time spent in its step so far. */
  readonly openTask?: { readonly taskId: string; readonly step: string; readonly since: number };
  readonly retries: number;
  readonly testRuns: readonly TestRunView[];
  readonly verdicts: readonly VerdictView[];
  readonly tokens: TokenTallies;
  /** The files it changed; undefined until the host said (or when it cannot say). */
  readonly files?: readonly ChangedFileView[];
  /** Its browser checks (design workflow, or DesignBot's tasks); undefined when it ran none. */
  readonly design?: DesignChecksView;
  /** Its contract tests (integration workflow) or deployment plan (deploy workflow); undefined otherwise. */
  readonly integration?: IntegrationView;
  /** The skills its agents loaded, by name, first use first; absent until one is. */
  readonly skills?: readonly string[];
  /** Its test runs may reach the network: allowed when it started, or by a person while it ran; absent: no network. */
  readonly network?: 'start' | 'person';
}

export type TimelineKind = 'workflow' | 'task' | 'agent' | 'tool' | 'test-run' | 'retry' | 'verdict' | 'healing';
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
  /** Requests waiting for the user, oldest first. */
  readonly approvals: readonly ApprovalView[];
  /** The learned memories, most recently changed first. */
  readonly memories: readonly MemoryView[];
  /** The skills the host loaded; absent until it says. */
  readonly superpowers?: SuperpowersView;
}

export function emptyDashboard(): DashboardState {
  return { lastSeq: 0, workflows: [], timeline: [], agents: [], tokens: {}, approvals: [], memories: [] };
}

/** Whether a control the views offer can be used, and if not, why, in words for the user. */
export type Availability = { readonly available: true } | { readonly available: false; readonly reason: string };

/** A workflow module the start form offers: its id (what the request names) and title. */
export interface WorkflowChoice {
  readonly id: string;
  readonly title: string;
}

/** Starting, and the workflow modules the host can start; the first is its default. */
export type StartAvailability = Availability & { readonly workflows?: readonly WorkflowChoice[] };

/** What the host behind a view can do; the views disable the rest and show why. */
export interface DashboardCapabilities {
  /** Start a workflow from a request. */
  readonly start: StartAvailability;
  /** Approve or reject pending edits and escalations. */
  readonly approvals: Availability;
  /** Undo everything a workflow wrote. */
  readonly undo: Availability;
  /** List the files a workflow changed. */
  readonly files: Availability;
  /** Open the diff of a file a workflow changed. */
  readonly diff: Availability;
  /** List, read, edit and delete learned memories. */
  readonly memories: Availability;
}
