// The DashboardSource over the embedded engine: keeps the views' state by reducing the engine's
// events, describes each workflow (name, steps) from the store the first time it is met, follows the
// pending approvals, the files each workflow changed and the learned memories, and forwards the
// views' controls to the engine and the host. Free of 'vscode', so it runs under plain mocha.
import type { PendingApproval, PendingApprovals } from '../../core/approvals/pendingApprovals';
import type { WorkflowEngine } from '../../core/orchestrator/workflowEngine';
import type { Logger } from '../../core/ports';
import { applyUpdate, applyUpdates } from '../../shared/dashboardReducer';
import {
  type Availability,
  type ChangedFileView,
  type DashboardCapabilities,
  DASHBOARD_LIMITS,
  type DashboardState,
  type DashboardUpdate,
  emptyDashboard,
  type WorkflowChoice,
  type EngineLink,
  type WorkflowDescription,
} from '../../shared/dashboardState';
import type { DesignChecksView } from '../../shared/designChecksView';
import type { IntegrationView } from '../../shared/integrationView';
import type { EngineEvent } from '../../shared/events';
import type { SuperpowersView } from '../../shared/superpowers';
import type { WorkflowPhaseInfo } from '../../shared/workflowPhase';
import { isTerminalTask, isTerminalWorkflow } from '../../shared/taskStatus';
import { approvalView } from './approvalView';
import type { ApprovalAnswer, DashboardListener, DashboardSnapshot, DashboardSource, MemoryBrowser, MemoryEdit } from './dashboardSource';
import { Refresher } from './refresher';

/** The part of the engine the views use. */
export type DashboardEngine = Pick<WorkflowEngine, 'subscribe' | 'list' | 'get' | 'pause' | 'resume' | 'cancel'>;

/** Starts what the start form asks for: the module it names (the host's default when none), on the request. */
export type StartWorkflow = (request: string, workflow: string | undefined) => Promise<string>;

/**
 * What the host can do besides the engine's own controls. Each is optional: without it, the views
 * disable that control and say why.
 */
export interface EngineDashboardSourceOptions {
  readonly engine: DashboardEngine;
  readonly logger: Logger;
  /** Where the engine's own UI shows a workflow (Conductor's), when there is one. */
  readonly engineLink?: (workflowId: string) => EngineLink | undefined;
  /** What answered for a workflow's agents, when the views must say it (the scripted trial's model). */
  readonly modelNote?: (workflowId: string) => string | undefined;
  /** Why a control left out is missing, when the host knows better than "not in this window" (the scripted trial). */
  readonly unavailableReasons?: Partial<Record<keyof DashboardCapabilities, string>>;
  /** Opens an address in the person's browser. */
  readonly openExternal?: (url: string) => Promise<void>;
  /**
   * The events the engine published before (its events log), so that after a window reload the
   * views show what happened, not only where each workflow stands.
   */
  readonly pastEvents?: () => Promise<readonly EngineEvent[]>;
  /** What the start form runs. */
  readonly startWorkflow?: StartWorkflow;
  /** The workflow modules the start form offers, the default first; without them the form names none. */
  readonly workflows?: readonly WorkflowChoice[];
  /** The phases of the module a workflow definition (by name) comes from; without it, views show steps only. */
  readonly phasesOf?: (definitionName: string) => readonly WorkflowPhaseInfo[];
  /** The requests waiting for a person, which the views list and decide. */
  readonly approvals?: PendingApprovals;
  /** Undoes a workflow after the host's own confirmation; resolves when done or declined. */
  readonly undo?: (workflowId: string) => Promise<void>;
  /** Opens the diff of a file the workflow changed. */
  readonly openDiff?: (workflowId: string, path: string) => Promise<void>;
  /** The files a workflow changed, from its journal. */
  readonly changedFiles?: (workflowId: string) => Promise<readonly ChangedFileView[]>;
  /** A workflow's browser checks with their screenshots (designChecksOf); undefined when it ran none. */
  readonly designChecks?: (workflowId: string) => Promise<DesignChecksView | undefined>;
  /** A workflow's contract tests or deployment plan (integrationViewOf); undefined when it has none. */
  readonly integrationView?: (workflowId: string) => Promise<IntegrationView | undefined>;
  readonly memories?: MemoryBrowser;
  /** The skills loaded, for the Superpowers section, and word when they are loaded again. */
  readonly superpowers?: {
    current(): SuperpowersView;
    onDidChange?(listener: (view: SuperpowersView) => void): () => void;
  };
}

/**
 * Pausing waits for the running step to finish, and cancelling for the handler to stop, which may
 * take minutes; the views are answered once the engine accepted the request (refusals come at once)
 * and see it take effect through the workflow's events.
 */
const ACCEPTANCE_MS = 1_000;

const UNAVAILABLE: Readonly<Record<keyof DashboardCapabilities, string>> = {
  start: 'Workflows cannot be started from this window.',
  approvals: 'Edits and escalations are not held for review in this window.',
  undo: 'Undoing a workflow is not available in this window.',
  files: 'The files a workflow changed are not available in this window.',
  diff: 'Diffs of the changed files are not available in this window.',
  memories: 'Learned memories are not available in this window.',
};

const NO_LONGER_WAITING = 'This request is no longer waiting: it was answered elsewhere, or its workflow stopped asking.';

function availability(present: boolean, capability: keyof DashboardCapabilities, reasons: EngineDashboardSourceOptions['unavailableReasons']): Availability {
  return present ? { available: true } : { available: false, reason: reasons?.[capability] ?? UNAVAILABLE[capability] };
}

export class EngineDashboardSource implements DashboardSource {
  private state: DashboardState = emptyDashboard();
  private readonly listeners = new Set<DashboardListener>();
  /** Workflows described, or being described, so each is read from the store once. */
  private readonly described = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  /** Live events that arrive while the past ones are read; they follow them. */
  private waiting: EngineEvent[] | undefined = [];
  private readonly files: Refresher<string>;
  private readonly design: Refresher<string>;
  private readonly memories: Refresher<'all'>;
  private readonly capabilities: DashboardCapabilities;

  private constructor(private readonly options: EngineDashboardSourceOptions) {
    const { approvals, unavailableReasons: reasons } = options;
    this.capabilities = {
      start: { ...availability(options.startWorkflow !== undefined, 'start', reasons), ...(options.workflows && options.startWorkflow && { workflows: options.workflows }) },
      approvals: availability(approvals !== undefined, 'approvals', reasons),
      undo: availability(options.undo !== undefined, 'undo', reasons),
      files: availability(options.changedFiles !== undefined, 'files', reasons),
      diff: availability(options.openDiff !== undefined, 'diff', reasons),
      memories: availability(options.memories !== undefined, 'memories', reasons),
    };
    this.files = new Refresher((workflowId) => this.readFiles(workflowId));
    this.design = new Refresher((workflowId) => this.readDesignChecks(workflowId));
    this.memories = new Refresher(() => this.readMemories());
    this.unsubscribe.push(
      options.engine.subscribe((event) => {
        if (this.waiting) this.waiting.push(event);
        else this.follow(event);
      }),
    );
    if (approvals) {
      // Taken with the subscription, with nothing in between: no request is missed or shown twice.
      for (const pending of approvals.pending()) this.state = applyUpdate(this.state, pendingUpdate(pending));
      this.unsubscribe.push(approvals.subscribe((change) => this.apply(change.type === 'added' ? pendingUpdate(change.approval) : { type: 'approval-settled', id: change.id })));
    }
    if (options.superpowers) {
      this.state = applyUpdate(this.state, { type: 'superpowers', superpowers: options.superpowers.current() });
      const reloaded = options.superpowers.onDidChange?.((superpowers) => this.apply({ type: 'superpowers', superpowers }));
      if (reloaded) this.unsubscribe.push(reloaded);
    }
    const changed = options.memories?.onDidChange?.(() => void this.memories.refresh('all'));
    if (changed) this.unsubscribe.push(changed);
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
      options.logger.warn(`dashboard: could not read the past events: ${messageOf(error)}`);
    }
    const waiting = source.waiting ?? [];
    source.waiting = undefined;
    for (const event of waiting) source.follow(event);
    const recent = options.engine.list().slice(-DASHBOARD_LIMITS.workflows);
    await Promise.all([...recent.map((summary) => source.describe(summary.id)), source.memories.refresh('all')]);
    return source;
  }

  snapshot(): DashboardSnapshot {
    return { state: this.state, capabilities: this.capabilities };
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

  async start(request: string, workflow?: string): Promise<string> {
    const start = this.require('start', this.options.startWorkflow);
    return start(request, workflow);
  }

  async decide(approvalId: string, answer: ApprovalAnswer): Promise<void> {
    const approvals = this.require('approvals', this.options.approvals);
    const pending = approvals.get(approvalId);
    if (!pending) throw new Error(NO_LONGER_WAITING);
    const { request } = pending;
    if (request.kind === 'escalation') {
      if (answer.choice === undefined || !request.options.includes(answer.choice)) throw new Error(`Choose one of the offered answers: ${request.options.join(', ')}.`);
    } else if (answer.choice !== undefined) {
      throw new Error(`A ${request.kind} is approved or rejected; it offers no answers to choose from.`);
    }
    const decision = request.kind === 'escalation' ? { approved: true, choice: answer.choice } : { approved: answer.approved };
    if (!approvals.decide(approvalId, decision)) throw new Error(NO_LONGER_WAITING);
  }

  async undo(workflowId: string): Promise<void> {
    await this.require('undo', this.options.undo)(workflowId);
    await this.files.refresh(workflowId);
  }

  async openDiff(workflowId: string, path: string): Promise<void> {
    await this.require('diff', this.options.openDiff)(workflowId, path);
  }

  /** The address is the host's own (never one a webview sent), computed again here. */
  async openEngineLink(workflowId: string): Promise<void> {
    const link = this.options.engineLink?.(workflowId);
    if (!link || !this.options.openExternal) throw new Error(`Workflow ${workflowId} has no page in an engine UI here (set imperium.conductor.uiUrl for Conductor's).`);
    await this.options.openExternal(link.url);
  }

  async editMemory(id: string, edit: MemoryEdit): Promise<void> {
    await this.require('memories', this.options.memories).update(id, edit);
    await this.memories.refresh('all');
  }

  async deleteMemory(id: string): Promise<void> {
    await this.require('memories', this.options.memories).delete(id);
    await this.memories.refresh('all');
  }

  dispose(): void {
    for (const unsubscribe of this.unsubscribe.splice(0)) unsubscribe();
    this.listeners.clear();
  }

  private require<T>(capability: keyof DashboardCapabilities, value: T | undefined): T {
    if (value === undefined) throw new Error(this.options.unavailableReasons?.[capability] ?? UNAVAILABLE[capability]);
    return value;
  }

  private follow(event: EngineEvent): void {
    this.apply(event);
    if (event.workflowId === undefined) return;
    void this.describe(event.workflowId);
    if (changesFiles(event)) void this.files.refresh(event.workflowId);
    // A step's output is in the store once its task completed.
    if (event.type === 'task' && event.status === 'COMPLETED') void this.design.refresh(event.workflowId);
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
        ...(typeof snapshot.input.request === 'string' && snapshot.input.request.trim() !== '' && { request: snapshot.input.request.trim() }),
        steps: snapshot.definition.steps.map((step) => step.name),
        phases: this.options.phasesOf?.(snapshot.definition.name) ?? [],
        status: snapshot.status,
        step: snapshot.definition.steps[snapshot.stepIndex]?.name,
        reason: snapshot.reason,
        createdAt: snapshot.createdAt,
        updatedAt: snapshot.updatedAt,
        endedAt: snapshot.endedAt,
      };
      const link = this.options.engineLink?.(workflowId);
      const modelNote = this.options.modelNote?.(workflowId);
      this.apply({ ...description, ...(link && { engineLink: link }), ...(modelNote && { modelNote }) });
    } catch (error) {
      // The workflow still shows, by its id and from its events.
      this.options.logger.warn(`dashboard: could not read workflow ${workflowId} from the store: ${messageOf(error)}`);
    }
    // In the background: the views open without waiting for every workflow's journal.
    void this.files.refresh(workflowId);
    void this.design.refresh(workflowId);
  }

  private async readDesignChecks(workflowId: string): Promise<void> {
    await this.readIntegrationView(workflowId);
    const { designChecks } = this.options;
    if (!designChecks) return;
    try {
      const checks = await designChecks(workflowId);
      if (checks) this.apply({ type: 'design-checks', workflowId, checks });
    } catch (error) {
      this.options.logger.warn(`dashboard: could not read the browser checks of workflow ${workflowId}: ${messageOf(error)}`);
    }
  }

  private async readIntegrationView(workflowId: string): Promise<void> {
    const { integrationView } = this.options;
    if (!integrationView) return;
    try {
      const view = await integrationView(workflowId);
      if (view) this.apply({ type: 'integration-view', workflowId, view });
    } catch (error) {
      this.options.logger.warn(`dashboard: could not read the contract tests or plan of workflow ${workflowId}: ${messageOf(error)}`);
    }
  }

  private async readFiles(workflowId: string): Promise<void> {
    const { changedFiles } = this.options;
    if (!changedFiles) return;
    try {
      const files = await changedFiles(workflowId);
      const known = this.state.workflows.find((workflow) => workflow.id === workflowId)?.files;
      if (known && sameFiles(known, files)) return;
      this.apply({ type: 'workflow-files', workflowId, files });
    } catch (error) {
      this.options.logger.warn(`dashboard: could not list the files workflow ${workflowId} changed: ${messageOf(error)}`);
    }
  }

  private async readMemories(): Promise<void> {
    const { memories } = this.options;
    if (!memories) return;
    try {
      this.apply({ type: 'memories', memories: (await memories.list(DASHBOARD_LIMITS.memories)).slice(0, DASHBOARD_LIMITS.memories) });
    } catch (error) {
      // The views keep the list they had.
      this.options.logger.warn(`dashboard: could not list the learned memories: ${messageOf(error)}`);
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
          if (answered) this.options.logger.error(`dashboard: ${what} failed after it was accepted: ${messageOf(error)}`);
          else reject(error);
        },
      );
    });
  }
}

function pendingUpdate(pending: PendingApproval): DashboardUpdate {
  return { type: 'approval-pending', approval: approvalView(pending) };
}

/** A write that went through, or the end of a step or workflow (a rollback, a crash mid-step). */
function changesFiles(event: EngineEvent): boolean {
  if (event.type === 'tool') return event.outcome === 'ok' && event.path !== undefined;
  if (event.type === 'task') return isTerminalTask(event.status);
  if (event.type === 'workflow') return isTerminalWorkflow(event.status);
  return event.type === 'healing' && event.action === 'rolled-back';
}

function sameFiles(a: readonly ChangedFileView[], b: readonly ChangedFileView[]): boolean {
  return a.length === b.length && a.every((file, i) => file.path === b[i].path && file.created === b[i].created);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
