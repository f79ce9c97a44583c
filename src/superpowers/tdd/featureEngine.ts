// The feature workflow's engine, composed once for every host: the embedded engine with the TDD
// steps registered, the Board, the workflow's memory and long-term memory, the self-healing layer
// (the watchdog's detectors over the engine's events, the retry ladder around every step, the
// replay guard, the deadlock responder), and the report. The CLI builds it over Node's file system
// and the framework runners; the extension over WorkspaceEdit, its TestController and its model.
import { Board, type VerdictRecord } from '../../core/board/boardReview';
import { withoutSecrets } from '../../core/board/securityChecks';
import { BoardRecoveryAdvisor } from '../../core/healing/boardAdvisor';
import { type ForecastSettings, forecastFromHistory, type RunForecast } from '../../core/healing/budgetForecast';
import type { Budgets } from '../../core/healing/budgetTracker';
import { DeadlockResponder } from '../../core/healing/deadlockResponder';
import { HealingMonitor } from '../../core/healing/healingMonitor';
import { type AttemptRecord, ReplayGuard } from '../../core/healing/replayGuard';
import type { LadderPolicy } from '../../core/healing/retryLadder';
import type { StallLimits } from '../../core/healing/stallDetector';
import { WatchedModelClient } from '../../core/healing/watchedModelClient';
import { changedFiles } from '../../core/journal/changedFiles';
import type { WorkflowUndo } from '../../core/journal/journalEntry';
import { LearnedMemories, type MemoryScopes } from '../../core/memory/learnedMemories';
import { WorkflowMemory } from '../../core/memory/workflowMemory';
import { EmbeddedEngine } from '../../core/orchestrator/embeddedEngine';
import type { OpenEngine, WorkflowEngineApi } from '../../core/orchestrator/engineApi';
import { StepHandlers } from '../../core/orchestrator/stepHandler';
import type { Approvals, Clock, EventSink, Logger, ModelClient, Store, TestRunner, Workspace } from '../../core/ports';
import type { EngineEvent } from '../../shared/events';
import type { TestRunResult } from '../../shared/testResults';
import { EventStream } from '../../core/orchestrator/eventStream';
import { builtInModules } from '../../workflows/builtInModules';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../../workflows/workflowLimits';
import type { WorkflowReport } from '../../workflows/workflowReport';
import type { WorkflowSkills } from '../registry/workflowSkills';
import { countTextTokens } from '../../llm/tokenCount';

/** The self-healing layer's settings; every one has a default. */
export interface FeatureHealing {
  /** A client for the model the ladder falls back to, built like `model`; without it that rung is passed over. */
  readonly fallbackModel?: (events: EventSink) => ModelClient;
  readonly budgets?: Budgets;
  /** Silence allowed per activity before a stall or a response timeout. */
  readonly stallLimits?: StallLimits;
  /** How long nothing may run before a deadlock. */
  readonly deadlockGraceMs?: number;
  /** How often the clock-driven detectors look. */
  readonly checkEveryMs?: number;
  readonly ladder?: LadderPolicy;
}

export interface FeatureEngineParts {
  readonly store: Store;
  readonly workspace: Workspace & WorkflowUndo;
  readonly tests: TestRunner;
  /** Built once the engine exists, so the client can report its calls as the engine's events. */
  readonly model: (events: EventSink) => ModelClient;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly limits?: Partial<WorkflowLimits>;
  /**
   * Long-term memory: this workspace's memories and the user's global ones (the same the host shows
   * the user). Without it nothing is recalled from earlier workflows and nothing is learned.
   */
  readonly memory?: MemoryScopes;
  /** Who is asked when the retry ladder reaches a person; without it, reaching one ends the workflow saying what they must decide. */
  readonly approvals?: Approvals;
  readonly healing?: FeatureHealing;
  /** The skills agents are offered, built once the engine's events exist (their uses are events); without it, none. */
  readonly skills?: (events: EventSink) => WorkflowSkills;
  /** Opens the engine the steps run on; default the embedded one (Conductor: src/infra/conductor/). */
  readonly openEngine?: OpenEngine;
}

export class FeatureEngine {
  private constructor(
    readonly engine: WorkflowEngineApi,
    readonly board: Board,
    readonly limits: WorkflowLimits,
    /** What each workflow has established so far. */
    readonly memory: WorkflowMemory,
    private readonly monitor: HealingMonitor,
    private readonly parts: FeatureEngineParts,
  ) {}

  static async open(parts: FeatureEngineParts): Promise<FeatureEngine> {
    const { store, workspace, clock, logger, approvals, healing = {} } = parts;
    const limits = { ...DEFAULT_WORKFLOW_LIMITS, ...parts.limits };
    const handlers = new StepHandlers();
    const events = await EventStream.open(store.log('events'), clock, logger);
    const engineParts = { store, handlers, clock, logger, events };
    const engine = parts.openEngine ? await parts.openEngine(engineParts) : await EmbeddedEngine.open(engineParts);
    const monitor = new HealingMonitor({
      clock,
      emit: events.emit,
      logger,
      workspace,
      ...(healing.budgets && { budgets: healing.budgets }),
      ...(healing.stallLimits && { stallLimits: healing.stallLimits }),
      ...(healing.deadlockGraceMs !== undefined && { deadlockGraceMs: healing.deadlockGraceMs }),
      ...(healing.checkEveryMs !== undefined && { checkEveryMs: healing.checkEveryMs }),
    });
    events.subscribe(monitor.observe);
    monitor.onDetection(new DeadlockResponder({ engine, emit: events.emit, logger, ...(approvals && { approvals }) }).onDetection);
    const model = new WatchedModelClient(parts.model(events.emit), { monitor, clock, ...(healing.fallbackModel && { fallback: healing.fallbackModel(events.emit) }) });
    const board = new Board({ model, audit: store.log<VerdictRecord>('board-verdicts'), clock, events: events.emit });
    const memory = new WorkflowMemory(store, clock, countTextTokens);
    const learned = parts.memory && new LearnedMemories(parts.memory, logger);
    const skills = parts.skills?.(events.emit);
    const deps = { model, workspace, undo: workspace, tests: parts.tests, board, workflowMemory: memory, ...(learned && { learned }), ...(skills && { skills }), limits, logger, clock };
    const healingOptions = {
      clock,
      monitor,
      fallback: model,
      board: new BoardRecoveryAdvisor(board),
      replayGuard: new ReplayGuard(workspace, store.log<AttemptRecord>('healing-attempts'), clock),
      ...(approvals && { approvals }),
      ...(healing.ladder && { policy: healing.ladder }),
    };
    for (const module of builtInModules().list()) module.registerSteps(handlers, deps, healingOptions);
    monitor.start();
    return new FeatureEngine(engine, board, limits, memory, monitor, parts);
  }

  get workspace(): Workspace & WorkflowUndo {
    return this.parts.workspace;
  }

  get tests(): TestRunner {
    return this.parts.tests;
  }

  async verdicts(): Promise<VerdictRecord[]> {
    return this.parts.store.log<VerdictRecord>('board-verdicts').readAll();
  }

  async events(): Promise<EngineEvent[]> {
    return this.parts.store.log<EngineEvent>('events').readAll();
  }

  /** What the next run will likely use, from the runs this engine's store remembers, for the host to show before it starts. */
  async forecast(settings: ForecastSettings): Promise<RunForecast> {
    return forecastFromHistory(await this.events(), { ...settings, ...(this.parts.healing?.budgets && { budgets: this.parts.healing.budgets }) });
  }

  /**
   * The report of a workflow that has ended, with every line holding a secret withheld from the
   * diffs. `finalTests` is a fresh run of the suite, when the caller made one.
   */
  async report(workflowId: string, finalTests?: TestRunResult): Promise<WorkflowReport> {
    const workflow = await this.engine.get(workflowId);
    if (!workflow) throw new Error(`workflow ${workflowId} is not in the store`);
    await this.parts.store.flush();
    // The module that ran it: a stored workflow carries its module's id as its definition's name.
    const module = builtInModules().ofDefinition(workflow.definition.name) ?? builtInModules().get('feature');
    return module.report({
      workflow,
      events: await this.events(),
      verdicts: await this.verdicts(),
      changes: await withoutSecrets(await changedFiles(workflowId, this.parts.workspace, this.parts.workspace)),
      ...(finalTests !== undefined && { finalTests }),
    });
  }

  async close(): Promise<void> {
    this.monitor.stop();
    await this.engine.close();
    await this.monitor.settled();
  }
}
