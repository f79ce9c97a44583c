// The watchdog: feeds the engine's events to the detectors (stall and response timeouts, doom
// loops, ping-pong, deadlock, budgets), checks the clock-driven ones periodically, reports each
// finding as a 'healing' event and to its listeners (the retry ladder stops the attempt in trouble).
import type { EngineEvent, ToolCallEvent } from '../../shared/events';
import { type Clock, type EventSink, type Logger, type Workspace, WorkspaceError } from '../ports';
import { BudgetTracker, type Budgets, type WorkflowUsage } from './budgetTracker';
import { DEFAULT_DEADLOCK_GRACE_MS, DeadlockDetector } from './deadlockDetector';
import type { Detection } from './detection';
import { DoomLoopDetector, type DoomLoopOptions, type ObservedToolCall } from './doomLoopDetector';
import { PingPongDetector } from './pingPongDetector';
import { DEFAULT_STALL_LIMITS, StallDetector, type StallLimits } from './stallDetector';

export interface HealingMonitorOptions {
  readonly clock: Clock;
  /** Where 'healing' events go: the engine's emit. */
  readonly emit: EventSink;
  readonly logger: Logger;
  readonly stallLimits?: StallLimits;
  readonly deadlockGraceMs?: number;
  readonly budgets?: Budgets;
  readonly doomLoop?: DoomLoopOptions;
  /** Reversals in a row that count as ping-pong. Default 2. */
  readonly pingPongReversals?: number;
  /** Reads the files agents touch, for ping-pong; without it ping-pong is not watched. */
  readonly workspace?: Pick<Workspace, 'read'>;
  /** How often start() checks the clock-driven detectors. Default 1 s. */
  readonly checkEveryMs?: number;
}

export type DetectionListener = (detection: Detection) => void;

export class HealingMonitor {
  private readonly stalls: StallDetector;
  private readonly deadlocks: DeadlockDetector;
  private readonly budgets: BudgetTracker;
  private readonly doomLoops: DoomLoopDetector;
  private readonly pingPong: PingPongDetector;
  private readonly listeners = new Set<DetectionListener>();
  /** File reads for ping-pong, one chain per file so versions are seen in order. */
  private readonly reads = new Map<string, Promise<void>>();
  private ticking: AbortController | undefined;

  constructor(private readonly options: HealingMonitorOptions) {
    this.stalls = new StallDetector(options.stallLimits ?? DEFAULT_STALL_LIMITS);
    this.deadlocks = new DeadlockDetector(options.deadlockGraceMs ?? DEFAULT_DEADLOCK_GRACE_MS);
    this.budgets = new BudgetTracker(options.budgets ?? {});
    this.doomLoops = new DoomLoopDetector(options.doomLoop);
    this.pingPong = new PingPongDetector(options.pingPongReversals);
  }

  /** Give it every engine event: `engine.subscribe(monitor.observe)`. */
  readonly observe = (event: EngineEvent): void => {
    if (event.type === 'healing') return;
    this.stalls.observe(event);
    this.deadlocks.observe(event);
    this.budgets.observe(event).forEach(this.report);
    if (event.type === 'tool') this.snapshot(event);
  };

  /** A tool call and its result, as the model saw them (WatchedModelClient reports them). */
  observeToolCall(call: ObservedToolCall): void {
    const detection = this.doomLoops.observe(call);
    if (detection) this.report(detection);
  }

  /** Hears every detection; returns the function that stops it. */
  onDetection(listener: DetectionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** What the workflow has used so far against its budgets. */
  usage(workflowId: string): WorkflowUsage {
    return this.budgets.usageOf(workflowId);
  }

  /** Runs the clock-driven detectors (stalls, response timeouts, deadlock) now. */
  check(): void {
    const now = this.options.clock.now();
    [...this.stalls.check(now), ...this.deadlocks.check(now)].forEach(this.report);
  }

  /** Checks every `checkEveryMs` until stop(). */
  start(): void {
    if (this.ticking) return;
    const ticking = new AbortController();
    this.ticking = ticking;
    const every = this.options.checkEveryMs ?? 1_000;
    const loop = async () => {
      while (!ticking.signal.aborted) {
        await this.options.clock.sleep(every, ticking.signal);
        this.check();
      }
    };
    loop().catch(() => undefined);
  }

  stop(): void {
    this.ticking?.abort();
    this.ticking = undefined;
  }

  private readonly report = (detection: Detection): void => {
    this.options.emit({
      type: 'healing',
      action: 'detected',
      failure: detection.kind,
      workflowId: detection.workflowId,
      ...(detection.taskId !== undefined && { taskId: detection.taskId }),
      ...(detection.agent !== undefined && { agent: detection.agent }),
      summary: detection.summary,
    });
    for (const listener of this.listeners) {
      try {
        listener(detection);
      } catch (error) {
        this.options.logger.error(`healing: a detection listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };

  /** After a tool touched a file, the file as it is now is a version for the ping-pong detector. */
  private snapshot(event: ToolCallEvent): void {
    const { workspace } = this.options;
    if (!workspace || event.path === undefined || event.outcome !== 'ok' || event.workflowId === undefined) return;
    const { path, workflowId, agent } = event;
    const key = `${workflowId}\u0000${path}`;
    const read = (this.reads.get(key) ?? Promise.resolve()).then(async () => {
      let content: string | undefined;
      try {
        content = await workspace.read(path);
      } catch (error) {
        if (!(error instanceof WorkspaceError && error.code === 'not-found')) {
          this.options.logger.debug(`healing: could not read ${path} for the ping-pong check: ${error instanceof Error ? error.message : String(error)}`);
          return;
        }
      }
      const detection = this.pingPong.observe({ workflowId, path, author: agent, content, at: this.options.clock.now() });
      if (detection) this.report(detection);
    });
    this.reads.set(key, read);
    void read.finally(() => {
      if (this.reads.get(key) === read) this.reads.delete(key);
    });
  }

  /** Resolves when the file reads for ping-pong started so far are done (for a clean shutdown and for tests). */
  async settled(): Promise<void> {
    await Promise.all(this.reads.values());
  }
}
