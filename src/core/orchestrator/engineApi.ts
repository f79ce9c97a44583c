// What a host asks of a workflow engine, whichever runs the workflows: the embedded engine or the
// Conductor-backed one (src/infra/conductor/). Both offer exactly this face.
import type { Clock, Logger, Store } from '../ports';
import type { EmbeddedEngine } from './embeddedEngine';
import type { StepHandlers } from './stepHandler';

export type WorkflowEngineApi = Pick<EmbeddedEngine, 'emit' | 'subscribe' | 'start' | 'pause' | 'resume' | 'cancel' | 'get' | 'list' | 'settled' | 'recover' | 'close'>;

/** What an engine is opened over; a host that picks the engine passes a function of these. */
export interface EngineParts {
  readonly store: Store;
  readonly handlers: StepHandlers;
  readonly clock: Clock;
  readonly logger: Logger;
}

export type OpenEngine = (parts: EngineParts) => Promise<WorkflowEngineApi>;
