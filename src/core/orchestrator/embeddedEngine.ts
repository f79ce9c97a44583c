// The embedded workflow engine (a WorkflowEngine): starts workflows from their definitions, pauses,
// resumes and cancels them, publishes their transitions on the event stream the runtime gives it,
// and after a restart resumes every workflow that was running from its last completed step. State
// lives in the Store given to it.
import { z } from 'zod';
import { isTerminalWorkflow } from '../../shared/taskStatus';
import type { Clock, Logger, Store } from '../ports';
import type { EngineEventListener, EventStream } from './eventStream';
import type { StepHandlers } from './stepHandler';
import { parseWorkflowDefinition, WorkflowDefinitionError } from './workflowDefinition';
import { WorkflowRepository, type WorkflowRecord } from './workflowRepository';
import { type RunnerServices, WorkflowRunner } from './workflowRunner';
import type { PauseOptions, WorkflowEngine } from './workflowEngine';
import { openTask, type WorkflowSnapshot, type WorkflowSummary } from './workflowState';

export interface EmbeddedEngineOptions {
  readonly store: Store;
  readonly handlers: StepHandlers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The runtime's event stream: the engine publishes its transitions there, and its subscribers hear them. */
  readonly events: EventStream;
}

/** A request the engine cannot carry out, with a message a person can act on. */
export class OrchestratorError extends Error {
  override readonly name = 'OrchestratorError';
}

const workflowInputSchema = z.record(z.string(), z.json());

export class EmbeddedEngine implements WorkflowEngine {
  readonly kind = 'embedded';
  private readonly runners = new Map<string, WorkflowRunner>();
  /** Workflows being created: listed already, not yet run (see settled). */
  private readonly creating = new Set<Promise<WorkflowRecord>>();
  private readonly services: RunnerServices;
  private closed = false;

  private constructor(
    private readonly repository: WorkflowRepository,
    private readonly events: EventStream,
    private readonly options: EmbeddedEngineOptions,
  ) {
    this.services = { handlers: options.handlers, clock: options.clock, events, store: options.store, logger: options.logger };
  }

  /** Opens the engine's state in the store. Call recover() next, before starting anything. */
  static async open(options: EmbeddedEngineOptions): Promise<EmbeddedEngine> {
    const repository = await WorkflowRepository.open(options.store, options.clock);
    return new EmbeddedEngine(repository, options.events, options);
  }

  /** Every event from now on, in `seq` order; returns the unsubscribe function. */
  subscribe(listener: EngineEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /**
   * Checks the definition (throws WorkflowDefinitionError) and the input (a JSON object), puts the
   * new workflow on disk and starts it. Resolves with its id once it is on disk.
   */
  async start(definition: unknown, input: unknown = {}): Promise<string> {
    this.checkOpen();
    const checked = parseWorkflowDefinition(definition);
    const missing = [...new Set(checked.steps.map((step) => step.handler).filter((name) => !this.options.handlers.get(name)))];
    if (missing.length > 0) {
      const registered = this.options.handlers.names().join(', ') || 'none';
      throw new WorkflowDefinitionError(`Workflow definition "${checked.name}" names step handlers that are not registered: ${missing.join(', ')} (registered: ${registered}).`);
    }
    const parsedInput = workflowInputSchema.safeParse(input);
    if (!parsedInput.success) throw new OrchestratorError(`The input of workflow "${checked.name}" must be a JSON object: ${z.prettifyError(parsedInput.error)}`);
    // The new workflow is listed before its first write is flushed; settled() waits for it to run.
    const creating = this.repository.create(checked, parsedInput.data);
    this.creating.add(creating);
    let record: WorkflowRecord;
    try {
      record = await creating;
    } finally {
      this.creating.delete(creating);
    }
    this.events.publish({ type: 'workflow', workflowId: record.id, status: 'RUNNING', step: checked.steps[0]?.name });
    this.launch(record);
    return record.id;
  }

  /**
   * Stops the workflow before its next step and resolves once it is PAUSED. The running step
   * finishes first; with `interrupt` it is aborted instead and runs again, as the same attempt, on
   * resume. Pausing a paused workflow does nothing.
   */
  async pause(id: string, options: PauseOptions = {}): Promise<void> {
    const record = await this.load(id);
    const { status } = record.state;
    if (status === 'PAUSED') return;
    if (isTerminalWorkflow(status)) throw new OrchestratorError(`Workflow ${id} is ${status}; only a running workflow can be paused.`);
    const runner = this.runners.get(id);
    if (runner) {
      runner.requestPause(options.interrupt ?? false);
      await runner.done;
      return;
    }
    // Listed as running but not run here (recover() has not been called): it stops where it is.
    record.update((state) => void (state.status = 'PAUSED'));
    this.events.publish({ type: 'workflow', workflowId: id, status: 'PAUSED', step: this.stepName(record) });
    await record.flush();
  }

  /** Continues a PAUSED workflow from the step it stopped before. */
  async resume(id: string): Promise<void> {
    this.checkOpen();
    const record = await this.load(id);
    // A pause still winding down (its step finishing) completes first.
    await this.runners.get(id)?.done;
    const { status } = record.state;
    if (status !== 'PAUSED') throw new OrchestratorError(`Workflow ${id} is ${status}; only a paused workflow can be resumed.`);
    record.update((state) => void (state.status = 'RUNNING'));
    this.events.publish({ type: 'workflow', workflowId: id, status: 'RUNNING', step: this.stepName(record) });
    this.launch(record);
  }

  /** Aborts the running handler through its signal and resolves once the workflow is CANCELED. */
  async cancel(id: string, reason = 'canceled by request'): Promise<void> {
    const record = await this.load(id);
    const { status } = record.state;
    if (status === 'CANCELED') return;
    if (isTerminalWorkflow(status)) throw new OrchestratorError(`Workflow ${id} is ${status}; it can no longer be canceled.`);
    const runner = this.runners.get(id);
    if (runner) {
      runner.requestCancel(reason);
      await runner.done;
      if (record.state.status !== 'PAUSED') return;
      // It reached PAUSED before the cancel could act; cancel it where it stands.
    }
    const task = openTask(record.state);
    record.update((state) => {
      if (task) Object.assign(task, { status: 'CANCELED', endedAt: this.options.clock.now(), reason });
      state.status = 'CANCELED';
      state.reason = reason;
      state.endedAt = this.options.clock.now();
    });
    if (task) this.events.publish({ type: 'task', workflowId: id, taskId: task.id, step: task.step, status: 'CANCELED', retryCount: task.retryCount, reason });
    this.events.publish({ type: 'workflow', workflowId: id, status: 'CANCELED', step: this.stepName(record), reason });
    await record.flush();
  }

  /** A copy of the workflow's state, or undefined when there is no workflow with that id. */
  async get(id: string): Promise<WorkflowSnapshot | undefined> {
    const record = await this.repository.load(id);
    return record && structuredClone(record.state);
  }

  /** Every workflow the store knows, oldest first. */
  list(): WorkflowSummary[] {
    return this.repository.summaries();
  }

  /** Resolves, with its state, once the workflow is not being run here (it ended, paused, or never ran). */
  async settled(id: string): Promise<WorkflowSnapshot> {
    await Promise.allSettled(this.creating);
    await this.load(id);
    await this.runners.get(id)?.done;
    const snapshot = await this.get(id);
    if (!snapshot) throw new OrchestratorError(`There is no workflow ${id}.`);
    return snapshot;
  }

  /**
   * Resumes every workflow left RUNNING by an earlier process, from its last completed step; a
   * task that process left IN_PROGRESS counts as an attempt and is retried per its policy.
   * Resolves with the ids of the workflows resumed.
   */
  async recover(): Promise<string[]> {
    this.checkOpen();
    const resumed: string[] = [];
    for (const summary of this.repository.summaries()) {
      if (isTerminalWorkflow(summary.status) || this.runners.has(summary.id)) continue;
      let record: WorkflowRecord | undefined;
      try {
        record = await this.repository.load(summary.id);
      } catch (error) {
        const reason = `its state could not be read: ${error instanceof Error ? error.message : String(error)}`;
        this.options.logger.error(`orchestrator: workflow ${summary.id} cannot be resumed; ${reason}`);
        this.repository.markLost(summary.id, reason);
        continue;
      }
      if (record?.state.status !== 'RUNNING') continue;
      this.events.publish({ type: 'workflow', workflowId: record.id, status: 'RUNNING', step: this.stepName(record), reason: 'resumed after a restart' });
      this.launch(record);
      resumed.push(record.id);
    }
    return resumed;
  }

  /**
   * Stops every running workflow at once, leaving each RUNNING on disk with its step scheduled to
   * run again, so the next recover() picks them up; then flushes the store. The store stays open.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const running = [...this.runners.values()];
    for (const runner of running) runner.shutdown();
    await Promise.all(running.map((runner) => runner.done));
    await this.options.store.flush();
  }

  private launch(record: WorkflowRecord): void {
    const runner = WorkflowRunner.start(record, this.services);
    this.runners.set(record.id, runner);
    void runner.done.then(() => {
      if (this.runners.get(record.id) === runner) this.runners.delete(record.id);
    });
  }

  private async load(id: string): Promise<WorkflowRecord> {
    const record = await this.repository.load(id);
    if (!record) throw new OrchestratorError(`There is no workflow ${id}.`);
    return record;
  }

  private stepName(record: WorkflowRecord): string | undefined {
    return record.state.definition.steps[record.state.stepIndex]?.name;
  }

  private checkOpen(): void {
    if (this.closed) throw new OrchestratorError('The workflow engine is closed.');
  }
}
