// The Conductor-backed workflow engine: the same public face as the embedded engine (start, pause,
// resume, cancel, get, list, settled, recover, close, events), with the workflow's state held by a
// conductor-oss server. Definitions are registered as Conductor metadata on first use; workflows
// start with this workspace's task-to-domain, so only this workspace's workers take their tasks.
// A watcher follows each workflow's execution on the server and publishes its task and workflow
// states as the engine's events; while the server is away it says "Conductor unreachable" once,
// the workers back off, and both carry on when it answers again. With the host's approvals queue,
// every request a step waits on is also a HUMAN task on the server (humanTaskApprovals.ts).
import { MetadataClient, type ExtendedTaskDef, WorkflowExecutor } from '@io-orkes/conductor-javascript';
import { z } from 'zod';
import type { ApprovalQueue } from '../../core/approvals/pendingApprovals';
import { OrchestratorError } from '../../core/orchestrator/embeddedEngine';
import { type EngineEventListener, EventStream } from '../../core/orchestrator/eventStream';
import type { StepHandlers } from '../../core/orchestrator/stepHandler';
import { parseWorkflowDefinition, type WorkflowDefinition, WorkflowDefinitionError } from '../../core/orchestrator/workflowDefinition';
import type { WorkflowSnapshot, WorkflowSummary } from '../../core/orchestrator/workflowState';
import type { Clock, DurableDocument, EventSink, Logger, Store } from '../../core/ports';
import { isTerminalTask, isTerminalWorkflow, type TaskStatus, type WorkflowStatus } from '../../shared/taskStatus';
import { conductorWorkflowName, DEFAULT_NAME_PREFIX, toConductorMetadata } from './conductorDefinitions';
import { type ConductorConnection, ConductorUnreachableError, describeFetchError } from './conductorConnection';
import { snapshotOf, summaryOf } from './conductorSnapshot';
import { CONDUCTOR_WORKFLOWS_DOCUMENT } from './conductorStatus';
import { ConductorWorkers } from './conductorWorkers';
import { DeliveryLedger, type DeliveryRecord } from './deliveryLedger';
import { HumanTaskApprovals } from './humanTaskApprovals';

export interface ConductorEngineOptions {
  readonly connection: ConductorConnection;
  readonly store: Store;
  /** The runtime's event stream; without it the engine opens the store's own. */
  readonly events?: EventStream;
  readonly handlers: StepHandlers;
  readonly clock: Clock;
  readonly logger: Logger;
  /** This workspace's task-to-domain (workspaceDomain()); its workers poll only there. */
  readonly domain: string;
  /** Definitions whose tasks the workers take even before this process starts one (a worker-only process). */
  readonly definitions?: readonly unknown[];
  /** Run workers in this process (default true); false only starts and watches. */
  readonly workers?: boolean;
  readonly prefix?: string;
  readonly responseTimeoutSeconds?: number;
  readonly pollIntervalMs?: number;
  /** How long the server may hold a poll open (see DEFAULT_LONG_POLL_MS). */
  readonly longPollMs?: number;
  /** How often the watcher reads a running workflow from the server; default 200 ms. */
  readonly watchIntervalMs?: number;
  readonly workerId?: string;
  /** The queue where a person answers the steps' requests (the editor's); each is also a HUMAN task on the server. */
  readonly approvals?: ApprovalQueue;
  /** How often an open approval is read from the server (DEFAULT_APPROVAL_POLL_MS). */
  readonly approvalPollIntervalMs?: number;
}

interface KnownWorkflow {
  summary: WorkflowSummary;
  readonly definition: WorkflowDefinition;
}

interface EngineDocument {
  /** The server the workflows below live on. */
  server?: string;
  workflows: Record<string, KnownWorkflow>;
}

const workflowInputSchema = z.record(z.string(), z.json());
const MAX_WATCH_BACKOFF_MS = 5_000;

export class ConductorEngine {
  private readonly executor: WorkflowExecutor;
  private readonly metadata: MetadataClient;
  private readonly registered = new Set<string>();
  private readonly workers: ConductorWorkers | undefined;
  private readonly humanTasks: HumanTaskApprovals | undefined;
  /** The last status published for each task, so the worker's and the watcher's views are told once. */
  private readonly taskStatus = new Map<string, TaskStatus>();
  private readonly waiting = new Map<string, Set<(snapshot: WorkflowSnapshot) => void>>();
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private watchDelayMs: number;
  private unreachableSince: number | undefined;
  private closed = false;

  private constructor(
    private readonly options: ConductorEngineOptions,
    private readonly events: EventStream,
    private readonly document: DurableDocument<EngineDocument>,
  ) {
    this.executor = new WorkflowExecutor(options.connection.client);
    this.metadata = new MetadataClient(options.connection.client);
    this.watchDelayMs = options.watchIntervalMs ?? 200;
    if (options.workers !== false) {
      this.workers = new ConductorWorkers({
        connection: options.connection,
        handlers: options.handlers,
        ledger: new DeliveryLedger(options.store.log<DeliveryRecord>('conductor-deliveries')),
        domain: options.domain,
        clock: options.clock,
        logger: options.logger,
        emit: this.emit,
        onTaskStatus: (task, status, reason) => this.publishTask(task, status, reason),
        prefix: this.prefix,
        ...(options.pollIntervalMs !== undefined && { pollIntervalMs: options.pollIntervalMs }),
        ...(options.longPollMs !== undefined && { longPollMs: options.longPollMs }),
        ...(options.workerId !== undefined && { workerId: options.workerId }),
      });
    }
    if (options.approvals) {
      this.humanTasks = new HumanTaskApprovals({
        connection: options.connection,
        queue: options.approvals,
        logger: options.logger,
        prefix: this.prefix,
        ...(options.approvalPollIntervalMs !== undefined && { pollIntervalMs: options.approvalPollIntervalMs }),
      });
    }
  }

  /** Opens the engine on a connected server; its workers start polling for the given definitions at once. */
  static async open(options: ConductorEngineOptions): Promise<ConductorEngine> {
    const events = options.events ?? (await EventStream.open(options.store.log('events'), options.clock, options.logger));
    const document = await options.store.document<EngineDocument>(CONDUCTOR_WORKFLOWS_DOCUMENT, () => ({ workflows: {} }));
    const engine = new ConductorEngine(options, events, document);
    for (const definition of options.definitions ?? []) await engine.prepare(parseWorkflowDefinition(definition));
    return engine;
  }

  readonly kind = 'conductor';

  readonly emit: EventSink = (event) => void this.events.publish(event);

  get url(): string {
    return this.options.connection.url;
  }

  get domain(): string {
    return this.options.domain;
  }

  subscribe(listener: EngineEventListener): () => void {
    return this.events.subscribe(listener);
  }

  /** Registers the definition's metadata (once per process) and starts the workflow on the server with this workspace's domain. */
  async start(definition: unknown, input: unknown = {}): Promise<string> {
    this.checkOpen();
    const checked = parseWorkflowDefinition(definition);
    const missing = [...new Set(checked.steps.map((step) => step.handler).filter((name) => !this.options.handlers.get(name)))];
    if (missing.length > 0) {
      throw new WorkflowDefinitionError(`Workflow definition "${checked.name}" names step handlers that are not registered: ${missing.join(', ')} (registered: ${this.options.handlers.names().join(', ') || 'none'}).`);
    }
    const parsedInput = workflowInputSchema.safeParse(input);
    if (!parsedInput.success) throw new OrchestratorError(`The input of workflow "${checked.name}" must be a JSON object: ${z.prettifyError(parsedInput.error)}`);
    await this.prepare(checked);
    const id = await this.call(() =>
      this.executor.startWorkflow({ name: conductorWorkflowName(checked.name, this.prefix), version: checked.version, input: parsedInput.data, taskToDomain: { '*': this.options.domain } }),
    );
    const now = this.options.clock.now();
    this.document.update((data) => {
      data.server = this.url;
      data.workflows[id] = { definition: checked, summary: { id, name: checked.name, version: checked.version, status: 'RUNNING', step: checked.steps[0]?.name, createdAt: now, updatedAt: now } };
    });
    await this.document.flush();
    this.events.publish({ type: 'workflow', workflowId: id, status: 'RUNNING', step: checked.steps[0]?.name });
    this.watchSoon();
    return id;
  }

  /** Conductor schedules nothing more for a paused workflow; a step already running finishes (`interrupt` cannot stop it there). */
  async pause(id: string, _options: { readonly interrupt?: boolean } = {}): Promise<void> {
    const snapshot = await this.fetch(id);
    if (snapshot.status === 'PAUSED') return;
    if (isTerminalWorkflow(snapshot.status)) throw new OrchestratorError(`Workflow ${id} is ${snapshot.status}; only a running workflow can be paused.`);
    await this.call(() => this.executor.pause(id));
    await this.refresh(id);
  }

  async resume(id: string): Promise<void> {
    this.checkOpen();
    const snapshot = await this.fetch(id);
    if (snapshot.status !== 'PAUSED') throw new OrchestratorError(`Workflow ${id} is ${snapshot.status}; only a paused workflow can be resumed.`);
    await this.call(() => this.executor.resume(id));
    await this.refresh(id);
    this.watchSoon();
  }

  /** Terminates the workflow on the server and stops its handlers running here. */
  async cancel(id: string, reason = 'canceled by request'): Promise<void> {
    const snapshot = await this.fetch(id);
    if (snapshot.status === 'CANCELED') return;
    if (isTerminalWorkflow(snapshot.status)) throw new OrchestratorError(`Workflow ${id} is ${snapshot.status}; it can no longer be canceled.`);
    await this.call(() => this.executor.terminate(id, reason));
    this.workers?.abortWorkflow(id, reason);
    await this.refresh(id);
  }

  /** The workflow as the server has it now, or undefined when this workspace never started it. */
  async get(id: string): Promise<WorkflowSnapshot | undefined> {
    if (!this.document.data.workflows[id]) return undefined;
    return this.fetch(id);
  }

  /** The workflows this workspace started, oldest first, as last seen on the server. */
  list(): WorkflowSummary[] {
    return Object.values(this.document.data.workflows)
      .map((known) => known.summary)
      .sort((a, b) => a.createdAt - b.createdAt);
  }

  /** Resolves, with its state, once the workflow is no longer running (it ended or is paused). */
  async settled(id: string): Promise<WorkflowSnapshot> {
    if (!this.document.data.workflows[id]) throw new OrchestratorError(`There is no workflow ${id}.`);
    const current = await this.fetch(id).catch((error: unknown) => {
      if (error instanceof ConductorUnreachableError) return undefined;
      throw error;
    });
    if (current && current.status !== 'RUNNING') return current;
    return new Promise<WorkflowSnapshot>((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      set.add(resolve);
      this.waiting.set(id, set);
      this.watchSoon();
    });
  }

  /** Follows again every workflow this workspace left running; the workers already take their tasks. Resolves with their ids. */
  async recover(): Promise<string[]> {
    this.checkOpen();
    const running = this.list().filter((summary) => summary.status === 'RUNNING');
    for (const summary of running) {
      const known = this.document.data.workflows[summary.id];
      if (known) await this.prepare(known.definition);
    }
    this.watchSoon();
    return running.map((summary) => summary.id);
  }

  /** Stops the watcher and the workers; a step cut off here is handed back to the server for the next worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.watchTimer) clearTimeout(this.watchTimer);
    await this.workers?.stop();
    // After the workers: a step they cut off withdraws its request, and its HUMAN task is terminated.
    await this.humanTasks?.close();
    await this.options.store.flush();
  }

  private get prefix(): string {
    return this.options.prefix ?? DEFAULT_NAME_PREFIX;
  }

  /** Registers the definition on the server, once per process, and has the workers serve it. */
  private async prepare(definition: WorkflowDefinition): Promise<void> {
    const key = `${definition.name}@${definition.version}`;
    if (!this.registered.has(key)) {
      const metadata = toConductorMetadata(definition, { prefix: this.prefix, ...(this.options.responseTimeoutSeconds !== undefined && { responseTimeoutSeconds: this.options.responseTimeoutSeconds }) });
      await this.call(() => this.metadata.registerTasks(metadata.taskDefs as unknown as ExtendedTaskDef[]));
      // PUT creates or replaces, so two processes registering the same definition both succeed.
      await this.call(() => this.options.connection.request('PUT', '/metadata/workflow', [metadata.workflowDef]));
      this.registered.add(key);
    }
    this.workers?.serve(definition);
  }

  private async fetch(id: string): Promise<WorkflowSnapshot> {
    const known = this.document.data.workflows[id];
    if (!known) throw new OrchestratorError(`There is no workflow ${id} in this workspace.`);
    const workflow = await this.call(() => this.executor.getWorkflow(id, true));
    return snapshotOf(workflow, known.definition);
  }

  /** Reads the workflow from the server and publishes what changed. */
  private async refresh(id: string): Promise<WorkflowSnapshot> {
    const snapshot = await this.fetch(id);
    this.observe(snapshot);
    return snapshot;
  }

  private observe(snapshot: WorkflowSnapshot): void {
    for (const task of snapshot.tasks) this.publishTask({ workflowId: snapshot.id, taskId: task.id, step: task.step, retryCount: task.retryCount }, task.status, task.reason);
    const known = this.document.data.workflows[snapshot.id];
    const summary = summaryOf(snapshot);
    if (known && known.summary.status !== summary.status) {
      this.events.publish({ type: 'workflow', workflowId: snapshot.id, status: summary.status, step: summary.step, reason: summary.reason });
    }
    if (known && (known.summary.status !== summary.status || known.summary.step !== summary.step || known.summary.updatedAt !== summary.updatedAt)) {
      this.document.update((data) => {
        const entry = data.workflows[snapshot.id];
        if (entry) entry.summary = summary;
      });
    }
    if (summary.status !== 'RUNNING') {
      const waiters = this.waiting.get(snapshot.id);
      this.waiting.delete(snapshot.id);
      for (const resolve of waiters ?? []) resolve(snapshot);
    }
  }

  private publishTask(task: { readonly workflowId: string; readonly taskId: string; readonly step: string; readonly retryCount: number }, status: TaskStatus, reason?: string): void {
    const previous = this.taskStatus.get(task.taskId);
    if (previous === status) return;
    // The watcher may read the server a moment before the worker's result landed there: a task
    // the worker already saw end does not go back to IN_PROGRESS in the views.
    if (previous !== undefined && isTerminalTask(previous) && !isTerminalTask(status)) return;
    this.taskStatus.set(task.taskId, status);
    this.events.publish({ type: 'task', workflowId: task.workflowId, taskId: task.taskId, step: task.step, status, retryCount: task.retryCount, ...(reason !== undefined && { reason }) });
  }

  private watchSoon(): void {
    if (this.closed || this.watchTimer) return;
    this.watchTimer = setTimeout(() => void this.watch(), 0);
  }

  private async watch(): Promise<void> {
    const ids = new Set([...this.waiting.keys(), ...this.list().filter((summary) => summary.status === 'RUNNING').map((summary) => summary.id)]);
    try {
      for (const id of ids) {
        if (this.closed) return;
        await this.refresh(id);
      }
      this.reachable();
    } catch (error) {
      if (error instanceof ConductorUnreachableError) this.unreachable(error, [...ids]);
      else this.options.logger.error(`conductor: could not follow the workflows: ${describeFetchError(error)}`);
    }
    this.watchTimer = undefined;
    const stillWatching = this.waiting.size > 0 || this.list().some((summary) => summary.status === 'RUNNING');
    if (!this.closed && stillWatching) this.watchTimer = setTimeout(() => void this.watch(), this.watchDelayMs);
  }

  private unreachable(error: ConductorUnreachableError, ids: readonly string[]): void {
    this.watchDelayMs = Math.min(MAX_WATCH_BACKOFF_MS, this.watchDelayMs * 2);
    this.workers?.setBackoff(true);
    if (this.unreachableSince !== undefined) return;
    this.unreachableSince = this.options.clock.now();
    this.options.logger.warn(`${error.message} The workers wait for it and carry on when it answers.`);
    for (const id of ids) this.events.publish({ type: 'workflow', workflowId: id, status: this.statusOf(id), reason: `Conductor unreachable at ${this.url}; waiting for it` });
  }

  private reachable(): void {
    this.watchDelayMs = this.options.watchIntervalMs ?? 200;
    if (this.unreachableSince === undefined) return;
    const seconds = Math.round((this.options.clock.now() - this.unreachableSince) / 1000);
    this.unreachableSince = undefined;
    this.workers?.setBackoff(false);
    this.options.logger.info(`conductor: ${this.url} answers again after ${seconds} s`);
    for (const summary of this.list().filter((candidate) => candidate.status === 'RUNNING')) {
      this.events.publish({ type: 'workflow', workflowId: summary.id, status: 'RUNNING', step: summary.step, reason: `Conductor reachable again after ${seconds} s` });
    }
  }

  private statusOf(id: string): WorkflowStatus {
    return this.document.data.workflows[id]?.summary.status ?? 'RUNNING';
  }

  /** Runs one request to the server; a network failure becomes ConductorUnreachableError, a refusal an OrchestratorError naming what the server said. */
  private async call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (isNetworkError(error)) throw new ConductorUnreachableError(this.url, describeFetchError(error));
      throw new OrchestratorError(`Conductor at ${this.url} refused the request: ${describeFetchError(error)}`);
    }
  }

  private checkOpen(): void {
    if (this.closed) throw new OrchestratorError('The workflow engine is closed.');
  }
}

function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`;
  return /fetch failed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENOTFOUND|socket hang up|TimeoutError|other side closed|UND_ERR/i.test(text);
}
