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

/** Hears a detection; returns true when it acted on it (stopped the attempt it concerns). */
export type DetectionListener = (detection: Detection) => boolean | void;

export class HealingMonitor {
  private readonly stalls: StallDetector;
  private readonly deadlocks: DeadlockDetector;
  private readonly budgets: BudgetTracker;
  private readonly doomLoops: DoomLoopDetector;
  private readonly pingPong: PingPongDetector;
  private readonly listeners = new Set<DetectionListener>();
  /** File reads for ping-pong, one chain per file so versions are seen in order. */
  private readonly reads = new Map<string, Promise<void>>();
  /** The step each task runs, by task id: an agent's writes are told apart by the step it writes in. */
  private readonly steps = new Map<string, string>();
  /**
   * Detections about a task that no listener acted on, by workflow and task: one can come before
   * the task's attempt starts watching (while the engine still writes the task's start to disk).
   * Kept until the task ends, for the attempt to take.
   */
  private readonly untaken = new Map<string, Detection>();
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
    this.stalls.observe(event);
    // The healing layer's own events are not progress; the stall detector only learns from them when a person is being asked.
    if (event.type === 'healing') return;
    this.deadlocks.observe(event);
    this.budgets.observe(event).forEach(this.report);
    if (event.type === 'task') {
      if (event.status === 'IN_PROGRESS') this.steps.set(event.taskId, event.step);
      else if (event.status !== 'SCHEDULED') {
        this.steps.delete(event.taskId);
        this.untaken.delete(taskKey(event.workflowId, event.taskId));
      }
    }
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

  /** A detection about this task that came while no attempt watched it; it is given once. */
  takeUntaken(workflowId: string, taskId: string): Detection | undefined {
    const key = taskKey(workflowId, taskId);
    const detection = this.untaken.get(key);
    this.untaken.delete(key);
    return detection;
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
    let taken = false;
    for (const listener of this.listeners) {
      try {
        if (listener(detection) === true) taken = true;
      } catch (error) {
        this.options.logger.error(`healing: a detection listener threw: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (!taken && detection.taskId !== undefined) this.untaken.set(taskKey(detection.workflowId, detection.taskId), detection);
  };

  /**
   * After a tool touched a file, the file as it is now is a version for the ping-pong detector. Its
   * author is the agent and the step it works in: CodeBot making the tests pass and CodeBot
   * refactoring have different mandates, and undoing each other's lines is the ping-pong to catch
   * (TestBot and CodeBot never write the same file: their write guards keep tests and code apart).
   */
  private snapshot(event: ToolCallEvent): void {
    const { workspace } = this.options;
    if (!workspace || event.path === undefined || event.outcome !== 'ok' || event.workflowId === undefined) return;
    const { path, workflowId, taskId } = event;
    const step = event.taskId === undefined ? undefined : this.steps.get(event.taskId);
    const author = step === undefined ? event.agent : `${event.agent} in ${step}`;
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
      const detection = this.pingPong.observe({ workflowId, path, author, content, at: this.options.clock.now() });
      // The reversal that completes the ping-pong is this task's: its attempt is the one to stop.
      if (detection) this.report({ ...detection, ...(taskId !== undefined && { taskId }), agent: event.agent });
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

function taskKey(workflowId: string, taskId: string): string {
  return `${workflowId}\u0000${taskId}`;
}
