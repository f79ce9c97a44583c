// This workspace's workers: one SDK TaskRunner per step of every known workflow, polling only this
// workspace's domain, heartbeating while a step runs (lease extension), and running the same step
// handlers as the embedded engine. What each task came to is kept in the delivery ledger before it
// is reported, so a task delivered again reports the kept outcome instead of running twice.
import { hostname } from 'node:os';
import { type ConductorWorker, type Task, TaskManager, WorkflowExecutor } from '@io-orkes/conductor-javascript';
import { parseReference, type Reference, resolveInputs } from '../../core/orchestrator/inputMapping';
import { type StepHandlers, type StepResult, TaskInterruptedError, TaskTimeoutError, TerminalStepError } from '../../core/orchestrator/stepHandler';
import type { StepDefinition, WorkflowDefinition } from '../../core/orchestrator/workflowDefinition';
import type { Clock, EventSink, Logger } from '../../core/ports';
import type { TaskStatus } from '../../shared/taskStatus';
import { conductorTaskName, GOTO_OUTPUT_KEY } from './conductorDefinitions';
import type { ConductorConnection } from './conductorConnection';
import type { DeliveryLedger, DeliveryRecord } from './deliveryLedger';
import { snapshotOf, stepOfReference } from './conductorSnapshot';

export interface ConductorWorkersOptions {
  readonly connection: ConductorConnection;
  readonly handlers: StepHandlers;
  readonly ledger: DeliveryLedger;
  /** The task-to-domain this workspace's workflows are started with; workers poll only there. */
  readonly domain: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Agent, tool and test events from the handlers, and the task states the workers see first. */
  readonly emit: EventSink;
  readonly onTaskStatus: (task: { readonly workflowId: string; readonly taskId: string; readonly step: string; readonly retryCount: number }, status: TaskStatus, reason?: string) => void;
  readonly prefix: string;
  readonly pollIntervalMs?: number;
  /** How long the server may hold a poll open waiting for a task (its long poll); see DEFAULT_LONG_POLL_MS. */
  readonly longPollMs?: number;
  readonly workerId?: string;
}

type WorkerResult = Awaited<ReturnType<ConductorWorker['execute']>>;

interface RunningTask {
  readonly workflowId: string;
  readonly abort: AbortController;
}

export const DEFAULT_POLL_INTERVAL_MS = 20;
/**
 * conductor-oss's SQLite queue answers a long poll by looking, sleeping 100 ms, and looking again.
 * 0 (one look per poll) made the server use a whole core and schedule slower (bench/conductor.ts).
 */
export const DEFAULT_LONG_POLL_MS = 100;
/** Tasks of one workflow definition a process runs at once (several workflows of it, in one window or worker). */
const CONCURRENCY = 4;
/** While the server is away, workers poll this seldom. */
const BACKOFF_POLL_INTERVAL_MS = 2_000;

export class ConductorWorkers {
  private readonly managers = new Map<string, TaskManager>();
  private readonly running = new Map<string, RunningTask>();
  private readonly workflowInputs = new Map<string, Promise<Record<string, unknown>>>();
  private backedOff = false;
  private stopped = false;

  constructor(private readonly options: ConductorWorkersOptions) {}

  get workerId(): string {
    return this.options.workerId ?? `${hostname()}-${process.pid}`;
  }

  /** Starts polling for the steps of a definition; a definition already served is left as it is. */
  serve(definition: WorkflowDefinition): void {
    const key = `${definition.name}@${definition.version}`;
    if (this.stopped || this.managers.has(key)) return;
    // One poller for every step of the workflow: the task's reference name says which step it is.
    const workers: ConductorWorker[] = [
      {
        taskDefName: conductorTaskName(definition.name, this.options.prefix),
        domain: this.options.domain,
        concurrency: CONCURRENCY,
        leaseExtendEnabled: true,
        execute: (task) => this.executeStep(definition, task),
      },
    ];
    const manager = new TaskManager(this.options.connection.client, workers, {
      logger: { info: () => undefined, debug: () => undefined, error: (...args: unknown[]) => this.options.logger.debug(`conductor worker: ${args.map(String).join(' ')}`) },
      options: { workerID: this.workerId, domain: this.options.domain, pollInterval: this.pollInterval(), concurrency: CONCURRENCY, batchPollingTimeout: this.options.longPollMs ?? DEFAULT_LONG_POLL_MS },
      onError: (error) => this.options.logger.debug(`conductor worker: ${error.message}`),
    });
    manager.startPolling();
    this.managers.set(key, manager);
  }

  /** Polls seldom while the server is away, and as usual again once it is back. */
  setBackoff(backOff: boolean): void {
    if (this.backedOff === backOff) return;
    this.backedOff = backOff;
    for (const manager of this.managers.values()) manager.updatePollingOptions({ pollInterval: this.pollInterval() });
  }

  /** Stops the handlers running for a workflow that was canceled. */
  abortWorkflow(workflowId: string, reason: string): void {
    for (const task of this.running.values()) if (task.workflowId === workflowId) task.abort.abort(new TaskInterruptedError('cancel', `The workflow was canceled: ${reason}`));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const task of this.running.values()) task.abort.abort(new TaskInterruptedError('shutdown', 'The worker shut down.'));
    await Promise.all([...this.managers.values()].map((manager) => manager.stopPolling()));
  }

  private pollInterval(): number {
    return this.backedOff ? BACKOFF_POLL_INTERVAL_MS : (this.options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS);
  }

  private executeStep(definition: WorkflowDefinition, task: Task): Promise<WorkerResult> {
    const name = stepOfReference(task.referenceTaskName ?? '');
    const step = definition.steps.find((candidate) => candidate.name === name);
    if (step) return this.execute(definition, step, task);
    return Promise.resolve({ status: 'FAILED_WITH_TERMINAL_ERROR', outputData: {}, reasonForIncompletion: `workflow "${definition.name}" v${definition.version} has no step "${name}" (task ${task.referenceTaskName ?? 'without a reference name'})` });
  }

  private async execute(definition: WorkflowDefinition, step: StepDefinition, task: Task): Promise<WorkerResult> {
    const workflowId = task.workflowInstanceId as string;
    const taskId = task.taskId as string;
    const referenceName = task.referenceTaskName ?? step.name;
    const retryCount = task.retryCount ?? 0;
    const identity = { workflowId, taskId, step: step.name, retryCount };
    const kept = await this.options.ledger.outcomeFor({ workflowId, taskId, referenceName, retryCount });
    if (kept) {
      this.options.logger.info(`conductor: task ${taskId} (${referenceName}, attempt ${retryCount + 1}) was delivered again; reporting the outcome kept from task ${kept.taskId} instead of running the step twice`);
      return resultOf(kept);
    }
    const handler = this.options.handlers.get(step.handler);
    if (!handler) return this.keep(identity, referenceName, { status: 'FAILED_WITH_TERMINAL_ERROR', output: {}, reason: `no step handler named "${step.handler}" is registered (registered: ${this.options.handlers.names().join(', ') || 'none'})` });
    this.options.onTaskStatus(identity, 'IN_PROGRESS');
    const abort = new AbortController();
    this.running.set(taskId, { workflowId, abort });
    const timer = step.responseTimeoutMs === undefined ? undefined : setTimeout(() => abort.abort(new TaskTimeoutError(`Step "${step.name}" did not respond within ${step.responseTimeoutMs} ms.`)), step.responseTimeoutMs);
    try {
      const context = {
        workflowId,
        taskId,
        step: step.name,
        retryCount,
        workflowInput: await this.workflowInput(workflowId),
        signal: abort.signal,
        emit: ((event) => this.options.emit({ ...event, workflowId: event.workflowId ?? workflowId, taskId: event.taskId ?? taskId })) as EventSink,
      };
      const inputData = task.inputData ?? {};
      const completed = hasNullStepReference(step, inputData) ? await this.completedOutputs(definition, workflowId) : undefined;
      const result = await handler.run(stepInput(step, inputData, completed), context);
      if (abort.signal.reason instanceof TaskInterruptedError && abort.signal.reason.by === 'shutdown') return handBack();
      return this.keep(identity, referenceName, completion(step, task, result));
    } catch (error) {
      const reason = abort.signal.aborted ? abort.signal.reason : error;
      // A worker shutting down hands the task back at once (the same task, to the next worker) rather
      // than waiting out the response timeout; the replay guard takes back what the cut-off run wrote.
      if (reason instanceof TaskInterruptedError && reason.by === 'shutdown') return handBack();
      if (error instanceof TerminalStepError) return this.keep(identity, referenceName, { status: 'FAILED_WITH_TERMINAL_ERROR', output: (error.output ?? {}) as Record<string, unknown>, reason: error.message });
      return this.keep(identity, referenceName, { status: 'FAILED', output: {}, reason: reason instanceof TaskTimeoutError ? `timed out: ${reason.message}` : describe(error) });
    } finally {
      if (timer) clearTimeout(timer);
      this.running.delete(taskId);
    }
  }

  private async keep(identity: { readonly workflowId: string; readonly taskId: string; readonly step: string; readonly retryCount: number }, referenceName: string, outcome: Pick<DeliveryRecord, 'status' | 'output' | 'reason'>): Promise<WorkerResult> {
    const record: DeliveryRecord = { workflowId: identity.workflowId, taskId: identity.taskId, referenceName, retryCount: identity.retryCount, ...outcome, at: this.options.clock.now() };
    await this.options.ledger.record(record);
    this.options.onTaskStatus(identity, record.status === 'COMPLETED' ? 'COMPLETED' : 'FAILED', record.reason);
    return resultOf(record);
  }

  /** The latest completed output of each step, as the server holds them now. */
  private async completedOutputs(definition: WorkflowDefinition, workflowId: string): Promise<Readonly<Record<string, unknown>>> {
    const workflow = await new WorkflowExecutor(this.options.connection.client).getWorkflow(workflowId, true);
    return snapshotOf(workflow, definition).outputs;
  }

  private workflowInput(workflowId: string): Promise<Record<string, unknown>> {
    let input = this.workflowInputs.get(workflowId);
    if (!input) {
      input = new WorkflowExecutor(this.options.connection.client).getWorkflow(workflowId, false).then((workflow) => (workflow.input ?? {}) as Record<string, unknown>);
      input.catch(() => this.workflowInputs.delete(workflowId));
      this.workflowInputs.set(workflowId, input);
    }
    return input;
  }
}

function handBack(): WorkerResult {
  return { status: 'IN_PROGRESS', callbackAfterSeconds: 1 };
}

function resultOf(record: DeliveryRecord): WorkerResult {
  return { status: record.status, outputData: record.output, ...(record.reason !== undefined && { reasonForIncompletion: record.reason }) };
}

/**
 * Conductor resolves a reference to a step that has not run yet to null; the embedded engine
 * leaves such an input out, and so do the workers, so a handler sees the same input on both.
 * Conductor also resolves it to null when a late result completed a step's timed-out attempt
 * after its retry was scheduled (a server restart): it reads the retry, which has no output yet.
 * `completed` (the latest completed output of each step, read from the server) answers those.
 */
export function stepInput(step: StepDefinition, inputData: Record<string, unknown>, completed: Readonly<Record<string, unknown>> = {}): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(inputData)) {
    const reference = value === null ? nullableReference(step.inputs[name]) : undefined;
    if (!reference) {
      input[name] = value;
      continue;
    }
    const resolved = reference.source === 'step-output' ? resolveInputs({ value: step.inputs[name] }, { workflowInput: {}, outputs: completed }).value : undefined;
    if (resolved !== undefined && resolved !== null) input[name] = resolved;
  }
  return input;
}

/** A step input that Conductor resolved to null, if its mapping is a reference. */
function nullableReference(mapping: unknown): Reference | undefined {
  if (typeof mapping !== 'string') return undefined;
  const reference = parseReference(mapping);
  return reference && !('error' in reference) ? reference : undefined;
}

/** Whether any of the task's inputs is a step-output reference Conductor resolved to null. */
function hasNullStepReference(step: StepDefinition, inputData: Record<string, unknown>): boolean {
  return Object.entries(inputData).some(([name, value]) => value === null && nullableReference(step.inputs[name])?.source === 'step-output');
}

/** The handler's result as the task's outcome: its output, and a goto checked against the step's definition and loop count. */
export function completion(step: StepDefinition, task: Pick<Task, 'iteration'>, result: StepResult | void): Pick<DeliveryRecord, 'status' | 'output' | 'reason'> {
  const output = { ...(result?.output ?? {}) } as Record<string, unknown>;
  const goto = result?.goto;
  if (goto === undefined) return { status: 'COMPLETED', output };
  if (!step.goto?.targets.includes(goto)) {
    const allowed = step.goto ? `it may go back to ${step.goto.targets.map((target) => `"${target}"`).join(', ')}` : 'its definition declares no goto';
    return { status: 'FAILED', output: {}, reason: `the step asked to go back to "${goto}", which is not allowed: ${allowed}` };
  }
  // In the loop's iteration n the step has sent the workflow back n - 1 times.
  const jumps = Math.max(0, (task.iteration ?? 1) - 1);
  if (jumps >= step.goto.maxJumps) {
    return { status: 'FAILED_WITH_TERMINAL_ERROR', output, reason: `"${step.name}" sent the workflow back to "${goto}" more than its limit of ${step.goto.maxJumps} time(s)` };
  }
  return { status: 'COMPLETED', output: { ...output, [GOTO_OUTPUT_KEY]: goto } };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
