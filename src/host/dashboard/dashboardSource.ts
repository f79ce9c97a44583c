// What the command center and the sidebar need from the engine, as one small interface: the
// views depend on it, not on the engine, so any engine (the embedded one, Conductor) can feed them.
import type { DashboardCapabilities, DashboardState, DashboardUpdate } from '../../shared/dashboardState';

export interface DashboardSnapshot {
  readonly state: DashboardState;
  readonly capabilities: DashboardCapabilities;
}

export type DashboardListener = (update: DashboardUpdate) => void;

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
  start(request: string): Promise<string>;
}
