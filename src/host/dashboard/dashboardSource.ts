// What the command center and the sidebar need from the engine, as one small interface: the
// views depend on it, not on the engine, so any engine (the embedded one, Conductor) can feed them.
import type { DashboardCapabilities, DashboardState, DashboardUpdate, MemoryView } from '../../shared/dashboardState';

export interface DashboardSnapshot {
  readonly state: DashboardState;
  readonly capabilities: DashboardCapabilities;
}

export type DashboardListener = (update: DashboardUpdate) => void;

/** The user's answer to a pending approval. */
export interface ApprovalAnswer {
  readonly approved: boolean;
  /** For an escalation: the option chosen, exactly as offered. */
  readonly choice?: string;
}

/** What the user may change in a memory from the command center. */
export interface MemoryEdit {
  readonly title?: string;
  readonly text?: string;
}

/** Long-term memory as the command center browses it (the host adapts LongTermMemory to it). */
export interface MemoryBrowser {
  /** Most recently changed first; the views show at most `limit`. */
  list(limit: number): Promise<readonly MemoryView[]>;
  /** Rejects, with a message for the user, when the edit does not check or the memory is gone. */
  update(id: string, edit: MemoryEdit): Promise<void>;
  delete(id: string): Promise<void>;
  /** Called when the memories change by other ways (a workflow learned something, another window). */
  onDidChange?(listener: () => void): () => void;
}

export interface DashboardSource {
  /** The views' state now; updates from subscribe() continue from exactly here. */
  snapshot(): DashboardSnapshot;
  /** Every update from now on, in order; returns the unsubscribe function. */
  subscribe(listener: DashboardListener): () => void;
  /** Each action rejects with a message for the user when the engine refuses it. */
  pause(workflowId: string): Promise<void>;
  resume(workflowId: string): Promise<void>;
  cancel(workflowId: string): Promise<void>;
  /** Starts a workflow on the user's request; resolves with its id. */
  /** Starts the workflow module `workflow` names (the host's default when absent) on the request. */
  start(request: string, workflow?: string): Promise<string>;
  decide(approvalId: string, answer: ApprovalAnswer): Promise<void>;
  /** Resolves when the workflow was undone, or the user declined the host's confirmation. */
  undo(workflowId: string): Promise<void>;
  openDiff(workflowId: string, path: string): Promise<void>;
  /** Opens the workflow's page in the engine's own UI; rejects when the host knows none. */
  openEngineLink(workflowId: string): Promise<void>;
  editMemory(id: string, edit: MemoryEdit): Promise<void>;
  deleteMemory(id: string): Promise<void>;
}
