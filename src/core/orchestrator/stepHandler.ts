// What runs a step: an agent or a gate, registered by name. A workflow definition names the
// handler of each step; the orchestrator gives it the step's inputs and the workflow's context.
import type { EventSink } from '../ports';

export interface StepContext {
  readonly workflowId: string;
  readonly taskId: string;
  readonly step: string;
  /** 0 on the first attempt of this visit to the step. */
  readonly retryCount: number;
  readonly workflowInput: Readonly<Record<string, unknown>>;
  /**
   * Aborted when the task must stop: the workflow was canceled, paused with interrupt, the engine
   * shut down, or the response timeout passed. Its reason says which (TaskInterruptedError,
   * TaskTimeoutError). A handler should stop promptly; what it returns after that is ignored.
   */
  readonly signal: AbortSignal;
  /** Reports agent, tool, test-run and token events; the workflow and task ids are filled in. */
  readonly emit: EventSink;
}

export interface StepResult {
  /** JSON; later steps may map it into their inputs as `${<step>.output.<path>}`. */
  readonly output?: Record<string, unknown>;
  /** An earlier step to send the workflow back to, one the step's `goto.targets` allows. */
  readonly goto?: string;
}

export interface StepHandler {
  /** Resolves with the step's result; rejects (with a message a person can read) when the step failed. */
  run(input: Readonly<Record<string, unknown>>, context: StepContext): Promise<StepResult | void>;
}

/** Why a task's signal was aborted by the workflow rather than by the handler's own doing. */
export class TaskInterruptedError extends Error {
  override readonly name = 'TaskInterruptedError';
  constructor(
    readonly by: 'cancel' | 'pause' | 'shutdown',
    message: string,
  ) {
    super(message);
  }
}

/**
 * A failure that retrying cannot fix (a security veto, a budget spent): the workflow fails at once,
 * whatever the step's retry policy says. `output` is kept on the task, so a report can show why.
 */
export class TerminalStepError extends Error {
  override readonly name = 'TerminalStepError';
  constructor(
    message: string,
    readonly output?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export class TaskTimeoutError extends Error {
  override readonly name = 'TaskTimeoutError';
}

/** The handlers a workflow's steps may name. */
export class StepHandlers {
  private readonly byName = new Map<string, StepHandler>();

  register(name: string, handler: StepHandler): this {
    if (this.byName.has(name)) throw new Error(`A step handler named "${name}" is already registered.`);
    this.byName.set(name, handler);
    return this;
  }

  get(name: string): StepHandler | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
