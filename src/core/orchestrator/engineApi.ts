// What a host asks of a workflow engine, whichever runs the workflows: the embedded engine or the
// Conductor-backed one (src/infra/conductor/). Both offer exactly this face.
import type { ApprovalQueue } from '../approvals/pendingApprovals';
import type { Clock, Logger, Store } from '../ports';
import type { EventStream } from './eventStream';
import type { StepHandlers } from './stepHandler';
import type { WorkflowEngine } from './workflowEngine';

/** What an engine is opened over; a host that picks the engine passes a function of these. */
export interface EngineParts {
  readonly store: Store;
  readonly handlers: StepHandlers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The runtime's event stream: every engine publishes into it rather than owning one. */
  readonly events: EventStream;
  /**
   * The queue where a person answers the steps' requests, when the host has one (the editor): an
   * engine may surface them elsewhere too (Conductor: as HUMAN tasks) and decide them from there.
   */
  readonly approvals?: ApprovalQueue;
}

export type OpenEngine = (parts: EngineParts) => Promise<WorkflowEngine>;
