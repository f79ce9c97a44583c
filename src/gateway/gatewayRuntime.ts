// What the gateway needs from the runtime: the workflow modules it can start, the workflows it
// holds, their reports, cancellation and the event stream. The CLI and the extension each hand the
// gateway one over the runtime they opened; the gateway itself never opens one.
import type { WorkflowSnapshot, WorkflowSummary } from '../core/orchestrator/workflowState';
import type { EngineEvent } from '../shared/events';
import type { ImplementTarget } from '../shared/implementTarget';
import type { WorkflowPhaseInfo } from '../shared/workflowPhase';

/** A workflow module as the gateway lists it. */
export interface WorkflowModuleInfo {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly phases: readonly WorkflowPhaseInfo[];
}

/** What a workflow starts from, already validated by the gateway. */
export interface WorkflowStart {
  readonly request: string;
  /** Code the request is about (a stub, a TODO, a failing test, a selection). */
  readonly targets?: readonly ImplementTarget[];
}

export interface GatewayRuntime {
  /** The modules a workflow can be started from; the first is the default. */
  modules(): readonly WorkflowModuleInfo[];
  /** Starts the module on the request; resolves with the new workflow's id once it is stored. */
  start(moduleId: string, start: WorkflowStart): Promise<string>;
  /** Every workflow this runtime holds, oldest first. */
  list(): readonly WorkflowSummary[];
  /** The workflow's state, or undefined when there is none with that id. */
  get(workflowId: string): Promise<WorkflowSnapshot | undefined>;
  /** The report of a workflow that has ended, as JSON. */
  report(workflowId: string): Promise<unknown>;
  cancel(workflowId: string, reason: string): Promise<void>;
  /** Every event from now on, in `seq` order; returns the unsubscribe function. */
  subscribe(listener: (event: EngineEvent) => void): () => void;
}
