// Runs one workflow from where its state says it is until it ends, pauses, or the engine shuts
// down: schedules each step's task, runs its handler under the response timeout, retries it per
// policy, follows a bounded `goto`, and writes every transition to the store. The engine runs at
// most one runner per workflow, so a runner owns its workflow's open task.
import { z } from 'zod';
import type { TaskStatus, WorkflowStatus } from '../../shared/taskStatus';
import type { Clock, EventSink, Logger, Store } from '../ports';
import type { EventStream } from './eventStream';
import { resolveInputs } from './inputMapping';
import { retryDelayMs } from './retryPolicy';
import { type StepHandler, type StepHandlers, type StepResult, TaskInterruptedError, TaskTimeoutError, TerminalStepError } from './stepHandler';
import type { StepDefinition } from './workflowDefinition';
import type { WorkflowRecord } from './workflowRepository';
import { type JsonObject, openTask, type TaskRecord } from './workflowState';

export interface RunnerServices {
  readonly handlers: StepHandlers;
  readonly clock: Clock;
  readonly events: EventStream;
  readonly store: Store;
  readonly logger: Logger;
}

type StopRequest = { readonly kind: 'pause'; readonly interrupt: boolean } | { readonly kind: 'cancel'; readonly reason: string } | { readonly kind: 'shutdown' };

type Outcome =
  | { readonly kind: 'completed'; readonly output: JsonObject; readonly goto?: string }
  | { readonly kind: 'failed'; readonly reason: string; readonly terminal?: { readonly output?: JsonObject } }
  | { readonly kind: 'timed-out'; readonly reason: string }
  | { readonly kind: 'interrupted' };

const stepResultSchema = z.object({ output: z.record(z.string(), z.json()).optional(), goto: z.string().optional() }).strict();

const NEVER = new Promise<never>(() => undefined);

export class WorkflowRunner {
  private stop: StopRequest | undefined;
  /** Aborted by any stop request: ends a wait for a retry, which is always a safe point. */
  private readonly wake = new AbortController();
  /** Aborted by the stop requests that also stop a running handler. */
  private readonly interrupt = new AbortController();
  /** Settles when the runner has let go of the workflow; never rejects. */
  readonly done: Promise<void>;

  private constructor(
    private readonly record: WorkflowRecord,
    private readonly services: RunnerServices,
  ) {
    this.done = this.run().catch((error: unknown) => this.failOnEngineError(error));
  }

  static start(record: WorkflowRecord, services: RunnerServices): WorkflowRunner {
    return new WorkflowRunner(record, services);
  }

  /** The running task finishes (or, with `interrupt`, is stopped and run again on resume); no new task starts. */
  requestPause(interrupt: boolean): void {
    if (this.stop && this.stop.kind !== 'pause') return;
    this.stop = { kind: 'pause', interrupt: interrupt || (this.stop?.kind === 'pause' && this.stop.interrupt) };
    this.wake.abort();
    if (interrupt) this.interrupt.abort(new TaskInterruptedError('pause', 'The workflow was paused.'));
  }

  requestCancel(reason: string): void {
    if (this.stop?.kind === 'cancel' || this.stop?.kind === 'shutdown') return;
    this.stop = { kind: 'cancel', reason };
    this.wake.abort();
    this.interrupt.abort(new TaskInterruptedError('cancel', `The workflow was canceled: ${reason}`));
  }

  /** Stops at once; the workflow stays RUNNING on disk, with its step scheduled again, for recover(). */
  shutdown(): void {
    this.stop = { kind: 'shutdown' };
    this.wake.abort();
    this.interrupt.abort(new TaskInterruptedError('shutdown', 'The engine shut down.'));
  }

  private get state() {
    return this.record.state;
  }

  private async run(): Promise<void> {
    await this.adoptOrphanedTask();
    for (;;) {
      if (this.state.status !== 'RUNNING') return;
      if (this.stop) return this.applyStop();
      const step = this.state.definition.steps[this.state.stepIndex];
      if (!step) return this.setStatus('COMPLETED');
      const task = openTask(this.state) ?? this.schedule(step, 0, 0);
      if (!(await this.waitToStart(task))) continue;
      const outcome = await this.attempt(step, task);
      await this.settle(step, task, outcome);
    }
  }

  /**
   * A task left IN_PROGRESS when a runner starts has no owner: runners are the only owners and this
   * workflow had none in this process, so the process that ran it ended mid-step (a crash, a kill,
   * a closed window). The attempt counts, and the step is retried per its policy.
   */
  private async adoptOrphanedTask(): Promise<void> {
    const task = openTask(this.state);
    if (this.state.status !== 'RUNNING' || task?.status !== 'IN_PROGRESS') return;
    const step = this.state.definition.steps[this.state.stepIndex];
    const reason = 'interrupted: the process running it ended before it finished';
    this.endTask(task, 'FAILED', { reason });
    if (step) await this.retryOrEnd(step, task, 'FAILED', reason);
  }

  private schedule(step: StepDefinition, retryCount: number, delayMs: number): TaskRecord {
    const now = this.services.clock.now();
    const task: TaskRecord = {
      id: `${this.state.id}-t${this.state.tasks.length + 1}`,
      step: step.name,
      handler: step.handler,
      status: 'SCHEDULED',
      retryCount,
      scheduledAt: now,
      ...(delayMs > 0 ? { startAfter: now + delayMs } : {}),
    };
    this.record.update((state) => void state.tasks.push(task));
    this.publishTask(task);
    return task;
  }

  /** Waits out a retry delay; false when a stop request cut the wait short. */
  private async waitToStart(task: TaskRecord): Promise<boolean> {
    const delay = (task.startAfter ?? 0) - this.services.clock.now();
    if (delay <= 0) return true;
    try {
      await this.services.clock.sleep(delay, this.wake.signal);
      return true;
    } catch (error) {
      if (this.wake.signal.aborted) return false;
      throw error;
    }
  }

  private async attempt(step: StepDefinition, task: TaskRecord): Promise<Outcome> {
    const input = resolveInputs(step.inputs, { workflowInput: this.state.input, outputs: this.state.outputs });
    this.record.update(() => {
      task.status = 'IN_PROGRESS';
      task.startedAt = this.services.clock.now();
      task.input = input;
    });
    this.publishTask(task);
    // On disk before the handler runs, so a crash from here on counts the attempt.
    await this.record.flush();
    const handler = this.services.handlers.get(step.handler);
    if (!handler) {
      return { kind: 'failed', reason: `no step handler named "${step.handler}" is registered (registered: ${this.services.handlers.names().join(', ') || 'none'})` };
    }
    const outcome = await this.invoke(handler, input, step, task);
    return outcome.kind === 'completed' ? checkGoto(step, outcome) : outcome;
  }

  /** Runs the handler until it settles, times out, or the workflow interrupts it. */
  private async invoke(handler: StepHandler, input: JsonObject, step: StepDefinition, task: TaskRecord): Promise<Outcome> {
    if (this.interrupt.signal.aborted) return { kind: 'interrupted' };
    const taskAbort = new AbortController();
    const relay = () => taskAbort.abort(this.interrupt.signal.reason);
    this.interrupt.signal.addEventListener('abort', relay, { once: true });
    const stopTimer = new AbortController();
    try {
      const context = {
        workflowId: this.state.id,
        taskId: task.id,
        step: step.name,
        retryCount: task.retryCount,
        workflowInput: this.state.input,
        signal: taskAbort.signal,
        emit: this.emitFor(task),
      };
      const settled = Promise.resolve()
        .then(() => handler.run(input, context))
        .then(
          (result) => checkResult(result),
          (error: unknown): Outcome =>
            error instanceof TerminalStepError
              ? { kind: 'failed', reason: error.message, terminal: { output: error.output as JsonObject | undefined } }
              : { kind: 'failed', reason: describeError(error) },
        );
      const interrupted = new Promise<Outcome>((resolve) => taskAbort.signal.addEventListener('abort', () => resolve({ kind: 'interrupted' }), { once: true }));
      const timeoutMs = step.responseTimeoutMs;
      const timedOut =
        timeoutMs === undefined
          ? NEVER
          : this.services.clock.sleep(timeoutMs, stopTimer.signal).then(
              (): Outcome => ({ kind: 'timed-out', reason: `no response within ${timeoutMs} ms` }),
              () => NEVER,
            );
      const outcome = await Promise.race([settled, interrupted, timedOut]);
      if (outcome.kind === 'timed-out') taskAbort.abort(new TaskTimeoutError(`Step "${step.name}" did not respond within ${timeoutMs} ms.`));
      return outcome;
    } finally {
      stopTimer.abort();
      this.interrupt.signal.removeEventListener('abort', relay);
    }
  }

  private async settle(step: StepDefinition, task: TaskRecord, outcome: Outcome): Promise<void> {
    switch (outcome.kind) {
      case 'completed':
        return this.complete(step, task, outcome);
      case 'failed':
        this.endTask(task, 'FAILED', { reason: outcome.reason, output: outcome.terminal?.output });
        // The reason is the person's to read: the workflow's step already says where it ended.
        if (outcome.terminal) return this.setStatus('FAILED', outcome.reason);
        return this.retryOrEnd(step, task, 'FAILED', outcome.reason);
      case 'timed-out':
        this.endTask(task, 'TIMED_OUT', { reason: outcome.reason });
        return this.retryOrEnd(step, task, 'TIMED_OUT', outcome.reason);
      case 'interrupted':
        return this.interrupted(step, task);
    }
  }

  private async complete(step: StepDefinition, task: TaskRecord, outcome: Extract<Outcome, { kind: 'completed' }>): Promise<void> {
    const steps = this.state.definition.steps;
    const jumps = this.state.jumps[step.name] ?? 0;
    const limit = step.goto?.maxJumps ?? 0;
    const overLimit = outcome.goto !== undefined && jumps >= limit;
    this.endTask(task, 'COMPLETED', { output: outcome.output });
    this.record.update((state) => {
      state.outputs[step.name] = outcome.output;
      if (outcome.goto === undefined) state.stepIndex++;
      else if (!overLimit) {
        state.jumps[step.name] = jumps + 1;
        state.stepIndex = steps.findIndex((candidate) => candidate.name === outcome.goto);
      }
    });
    if (overLimit) return this.setStatus('FAILED', `"${step.name}" sent the workflow back to "${outcome.goto}" more than its limit of ${limit} time(s)`);
    // The completed step is on disk (state and events) before the next one starts.
    await this.services.store.flush();
  }

  /** Schedules the next attempt when the policy allows one; otherwise ends the workflow. */
  private async retryOrEnd(step: StepDefinition, task: TaskRecord, status: 'FAILED' | 'TIMED_OUT', reason: string): Promise<void> {
    if (task.retryCount >= step.retry.retryCount) {
      const attempts = task.retryCount + 1;
      const what = status === 'TIMED_OUT' ? 'took too long' : 'failed';
      return this.setStatus(status, `${reason.replace(/[.\s]+$/, '')} (${what} ${attempts === 1 ? 'once' : `${attempts} times`}).`);
    }
    const retry = task.retryCount + 1;
    const delayMs = retryDelayMs(step.retry, retry);
    const next = this.schedule(step, retry, delayMs);
    this.services.events.publish({ type: 'retry', what: 'task', workflowId: this.state.id, taskId: next.id, attempt: retry, delayMs, reason });
  }

  private async interrupted(step: StepDefinition, task: TaskRecord): Promise<void> {
    const stop = this.stop;
    if (stop?.kind === 'cancel') {
      this.endTask(task, 'CANCELED', { reason: stop.reason });
      return;
    }
    // A pause or a shutdown is not the step's failure: it runs again, as the same attempt, later.
    this.endTask(task, 'CANCELED', { reason: stop?.kind === 'shutdown' ? 'the engine shut down; the step runs again when the workflow resumes' : 'paused; the step runs again on resume' });
    this.schedule(step, task.retryCount, 0);
    await this.record.flush();
  }

  private async applyStop(): Promise<void> {
    const stop = this.stop;
    if (stop?.kind === 'pause') return this.setStatus('PAUSED');
    if (stop?.kind === 'cancel') {
      const task = openTask(this.state);
      if (task) this.endTask(task, 'CANCELED', { reason: stop.reason });
      return this.setStatus('CANCELED', stop.reason);
    }
  }

  private endTask(task: TaskRecord, status: TaskStatus, details: { readonly reason?: string; readonly output?: JsonObject }): void {
    this.record.update(() => {
      task.status = status;
      task.endedAt = this.services.clock.now();
      if (details.reason !== undefined) task.reason = details.reason;
      if (details.output !== undefined) task.output = details.output;
    });
    this.publishTask(task);
  }

  private async setStatus(status: WorkflowStatus, reason?: string): Promise<void> {
    this.record.update((state) => {
      state.status = status;
      if (reason !== undefined) state.reason = reason;
      if (status !== 'PAUSED') state.endedAt = this.services.clock.now();
    });
    this.services.events.publish({ type: 'workflow', workflowId: this.state.id, status, step: this.state.definition.steps[this.state.stepIndex]?.name, reason });
    await this.services.store.flush();
  }

  private publishTask(task: TaskRecord): void {
    this.services.events.publish({ type: 'task', workflowId: this.state.id, taskId: task.id, step: task.step, status: task.status, retryCount: task.retryCount, reason: task.reason });
  }

  private emitFor(task: TaskRecord): EventSink {
    return (event) => this.services.events.publish({ ...event, workflowId: event.workflowId ?? this.state.id, taskId: event.taskId ?? task.id });
  }

  /** A fault of the engine itself (the store failing to write): the workflow fails, saying why. */
  private async failOnEngineError(error: unknown): Promise<void> {
    const reason = `engine error: ${describeError(error)}`;
    this.services.logger.error(`orchestrator: workflow ${this.state.id} stopped by ${reason}`);
    // A workflow that already ended (and failed only to reach the disk) keeps the status it earned.
    if (this.state.status !== 'RUNNING') return;
    try {
      await this.setStatus('FAILED', reason);
    } catch (again) {
      this.services.logger.error(`orchestrator: could not record the failure of workflow ${this.state.id}: ${describeError(again)}`);
    }
  }
}

function checkResult(result: StepResult | void): Outcome {
  const parsed = stepResultSchema.safeParse(result ?? {});
  if (!parsed.success) return { kind: 'failed', reason: `the step handler returned an unusable result (expected { output?: a JSON object, goto?: a step name }): ${z.prettifyError(parsed.error)}` };
  return { kind: 'completed', output: parsed.data.output ?? {}, ...(parsed.data.goto !== undefined ? { goto: parsed.data.goto } : {}) };
}

function checkGoto(step: StepDefinition, outcome: Extract<Outcome, { kind: 'completed' }>): Outcome {
  if (outcome.goto === undefined || step.goto?.targets.includes(outcome.goto)) return outcome;
  const allowed = step.goto ? `it may go back to ${step.goto.targets.map((target) => `"${target}"`).join(', ')}` : 'its definition declares no goto';
  return { kind: 'failed', reason: `the step asked to go back to "${outcome.goto}", which is not allowed: ${allowed}` };
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
