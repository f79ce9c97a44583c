// The DashboardSource over the embedded engine: keeps the views' state by reducing the engine's
// events, describes each workflow (name, steps) from the store the first time it is met, and
// forwards the views' controls to the engine. Free of 'vscode', so it runs under plain mocha.
import type { EmbeddedEngine } from '../../core/orchestrator/embeddedEngine';
import type { Logger } from '../../core/ports';
import { applyUpdate, applyUpdates } from '../../shared/dashboardReducer';
import { type DashboardCapabilities, DASHBOARD_LIMITS, type DashboardState, type DashboardUpdate, emptyDashboard, type WorkflowDescription } from '../../shared/dashboardState';
import type { EngineEvent } from '../../shared/events';
import type { DashboardListener, DashboardSnapshot, DashboardSource } from './dashboardSource';

/** The part of the engine the views use. */
export type DashboardEngine = Pick<EmbeddedEngine, 'subscribe' | 'list' | 'get' | 'pause' | 'resume' | 'cancel' | 'start'>;

/** The workflow a request from the start form runs: its definition gets `{ request }` as input. */
export interface RequestWorkflow {
  readonly definition: unknown;
}

export interface EngineDashboardSourceOptions {
  readonly engine: DashboardEngine;
  readonly logger: Logger;
  /**
   * The events the engine published before (its events log), so that after a window reload the
   * views show what happened, not only where each workflow stands.
   */
  readonly pastEvents?: () => Promise<readonly EngineEvent[]>;
  /** Without it the start form is disabled, with the reason below. */
  readonly requestWorkflow?: RequestWorkflow;
}

/**
 * Pausing waits for the running step to finish, and cancelling for the handler to stop, which may
 * take minutes; the views are answered once the engine accepted the request (refusals come at once)
 * and see it take effect through the workflow's events.
 */
const ACCEPTANCE_MS = 1_000;

const NO_REQUEST_WORKFLOW = 'This version has no workflow to start from a request yet: the red-green-refactor workflow is still to come.';
const NOT_YET: Omit<DashboardCapabilities, 'start'> = {
  approvals: { available: false, reason: 'Reviewing edits and escalations before they apply is not available in this version yet.' },
  undo: { available: false, reason: 'Undoing a workflow from the views is not available in this version yet.' },
  diff: { available: false, reason: "Showing a workflow's diff is not available in this version yet." },
};

export class EngineDashboardSource implements DashboardSource {
  private state: DashboardState = emptyDashboard();
  private readonly listeners = new Set<DashboardListener>();
  /** Workflows described, or being described, so each is read from the store once. */
  private readonly described = new Set<string>();
  private readonly unsubscribe: () => void;
  /** Live events that arrive while the past ones are read; they follow them. */
  private waiting: EngineEvent[] | undefined = [];

  private constructor(private readonly options: EngineDashboardSourceOptions) {
    this.unsubscribe = options.engine.subscribe((event) => {
      if (this.waiting) this.waiting.push(event);
      else this.follow(event);
    });
  }

  /**
   * Subscribes first, then replays the past events and describes the most recent workflows the
   * store holds, so no event is missed or counted twice (the reducer skips seqs it has seen).
   */
  static async open(options: EngineDashboardSourceOptions): Promise<EngineDashboardSource> {
    const source = new EngineDashboardSource(options);
    try {
      const past = (await options.pastEvents?.()) ?? [];
      source.state = applyUpdates(source.state, past);
    } catch (error) {
      // The views start from the workflows' states alone.
      options.logger.warn(`dashboard: could not read the past events: ${error instanceof Error ? error.message : String(error)}`);
    }
    const waiting = source.waiting ?? [];
    source.waiting = undefined;
    for (const event of waiting) source.follow(event);
    const recent = options.engine.list().slice(-DASHBOARD_LIMITS.workflows);
    await Promise.all(recent.map((summary) => source.describe(summary.id)));
    return source;
  }

  snapshot(): DashboardSnapshot {
    const start = this.options.requestWorkflow ? ({ available: true } as const) : ({ available: false, reason: NO_REQUEST_WORKFLOW } as const);
    return { state: this.state, capabilities: { start, ...NOT_YET } };
  }

  subscribe(listener: DashboardListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  pause(workflowId: string): Promise<void> {
    return this.accepted(`pause ${workflowId}`, this.options.engine.pause(workflowId));
  }

  async resume(workflowId: string): Promise<void> {
    await this.options.engine.resume(workflowId);
  }

  cancel(workflowId: string): Promise<void> {
    return this.accepted(`cancel ${workflowId}`, this.options.engine.cancel(workflowId, 'canceled from the command center'));
  }

  async start(request: string): Promise<string> {
    const workflow = this.options.requestWorkflow;
    if (!workflow) throw new Error(NO_REQUEST_WORKFLOW);
    return this.options.engine.start(workflow.definition, { request });
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private follow(event: EngineEvent): void {
    this.apply(event);
    if (event.workflowId !== undefined) void this.describe(event.workflowId);
  }

  private apply(update: DashboardUpdate): void {
    this.state = applyUpdate(this.state, update);
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        this.options.logger.error(`dashboard: a view's listener threw: ${String(error)}`);
      }
    }
  }

  private async describe(workflowId: string): Promise<void> {
    if (this.described.has(workflowId)) return;
    this.described.add(workflowId);
    try {
      const snapshot = await this.options.engine.get(workflowId);
      if (!snapshot) return;
      const description: WorkflowDescription = {
        type: 'workflow-description',
        workflowId,
        name: snapshot.definition.name,
        steps: snapshot.definition.steps.map((step) => step.name),
        status: snapshot.status,
        step: snapshot.definition.steps[snapshot.stepIndex]?.name,
        reason: snapshot.reason,
        createdAt: snapshot.createdAt,
        updatedAt: snapshot.updatedAt,
        endedAt: snapshot.endedAt,
      };
      this.apply(description);
    } catch (error) {
      // The workflow still shows, by its id and from its events.
      this.options.logger.warn(`dashboard: could not read workflow ${workflowId} from the store: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Resolves when the action completed or is still under way after ACCEPTANCE_MS; rejects when it was refused. */
  private accepted(what: string, action: Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      let answered = false;
      const timer = setTimeout(() => {
        answered = true;
        resolve();
      }, ACCEPTANCE_MS);
      action.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          if (answered) this.options.logger.error(`dashboard: ${what} failed after it was accepted: ${error instanceof Error ? error.message : String(error)}`);
          else reject(error);
        },
      );
    });
  }
}
