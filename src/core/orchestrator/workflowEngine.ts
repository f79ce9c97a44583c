// What every caller (the runtime, the host, the CLI, the dashboard, the healing layer) asks of a
// workflow engine. The embedded engine implements it; a Conductor-backed engine implements it too:
// a definition's bounded jump back (`goto`) becomes a DO_WHILE loop around the steps it spans, each
// step a SIMPLE task of the workflow's one task type (its reference name says which step), polled
// by workers that run the same StepHandlers. A person's approval stays behind the Approvals port;
// given the host's approvals queue (EngineParts.approvals), the Conductor engine also surfaces each
// request as a HUMAN task on the server and decides it from there. Events do not belong to an
// engine: the runtime owns the event stream and hands it to whichever engine it opens, so every
// view hears the same events from either engine.
import type { EngineEventListener } from './eventStream';
import type { WorkflowSnapshot, WorkflowSummary } from './workflowState';

export interface PauseOptions {
  /**
   * Abort the running step (it runs again, as the same attempt, on resume) instead of letting it
   * finish first.
   */
  readonly interrupt?: boolean;
}

export interface WorkflowEngine {
  /** Which engine this is, for logs and status lines: 'embedded', 'conductor'. */
  readonly kind: string;

  /**
   * Checks the definition (throws WorkflowDefinitionError naming every problem, including step
   * handlers nobody registered) and the input (a JSON object), records the new workflow and starts
   * it. Resolves with its id once it is recorded.
   */
  start(definition: unknown, input?: unknown): Promise<string>;

  /**
   * Stops the workflow before its next step and resolves once it is PAUSED. Pausing a paused
   * workflow does nothing; pausing one that ended throws.
   */
  pause(id: string, options?: PauseOptions): Promise<void>;

  /** Continues a PAUSED workflow from the step it stopped before; anything else throws. */
  resume(id: string): Promise<void>;

  /** Stops the running step through its signal and resolves once the workflow is CANCELED. */
  cancel(id: string, reason?: string): Promise<void>;

  /** Resolves, with its state, once the workflow is not being run here (it ended, paused, or never ran). */
  settled(id: string): Promise<WorkflowSnapshot>;

  /**
   * Every workflow this engine knows in its store, oldest first. Synchronous: an engine keeps an
   * index of its workflows up to date from its own transitions (the embedded one in its store, a
   * remote one from the workflows it started), so status bars and lists never wait on a network.
   */
  list(): WorkflowSummary[];

  /** A copy of the workflow's state (definition, input, tasks, outputs), or undefined when there is none. */
  get(id: string): Promise<WorkflowSnapshot | undefined>;

  /**
   * Every event from now on, in `seq` order, as the runtime's event stream delivers them; returns
   * the unsubscribe function.
   */
  subscribe(listener: EngineEventListener): () => void;

  /**
   * Takes up the workflows an earlier process left RUNNING, from their last completed step;
   * resolves with their ids. Call once, after the step handlers are registered.
   */
  recover(): Promise<string[]>;

  /** Lets go of every running workflow (they stay RUNNING for the next recover()) and flushes. */
  close(): Promise<void>;
}
