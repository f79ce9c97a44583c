// The one composition of Imperium Flow's engine, opened the same way by the editor, the CLI (and
// later the gateway): the runtime's event stream, the workflow engine on it (embedded unless the
// host gives another), the self-healing layer (the watchdog's detectors over the events, the retry
// ladder around every step, the replay guard, the deadlock responder), the Board, the workflow's
// memory and long-term memory, the agents' model, and every workflow module's step handlers.
import { builtInTaskAgents } from '../agents/dispatch/builtInTaskAgents';
import { Board, type VerdictRecord } from '../core/board/boardReview';
import { withoutSecrets } from '../core/board/securityChecks';
import { PendingApprovals } from '../core/approvals/pendingApprovals';
import { BoardRecoveryAdvisor } from '../core/healing/boardAdvisor';
import { forecastFromHistory, type RunForecast } from '../core/healing/budgetForecast';
import { DeadlockResponder } from '../core/healing/deadlockResponder';
import { HealingMonitor } from '../core/healing/healingMonitor';
import type { HealingOptions } from '../core/healing/healingStepHandler';
import { type AttemptRecord, ReplayGuard } from '../core/healing/replayGuard';
import { WatchedModelClient } from '../core/healing/watchedModelClient';
import { PersonGuidance } from '../core/guidance/personGuidance';
import { changedFiles } from '../core/journal/changedFiles';
import type { SkillUseJournal, WorkflowUndo } from '../core/journal/journalEntry';
import { LearnedMemories } from '../core/memory/learnedMemories';
import { WorkflowMemory } from '../core/memory/workflowMemory';
import { EmbeddedEngine } from '../core/orchestrator/embeddedEngine';
import type { OpenEngine } from '../core/orchestrator/engineApi';
import { EventStream } from '../core/orchestrator/eventStream';
import { StepHandlers } from '../core/orchestrator/stepHandler';
import type { WorkflowEngine } from '../core/orchestrator/workflowEngine';
import type { Logger, TestRunner, Workspace } from '../core/ports';
import type { EngineEvent } from '../shared/events';
import { isTerminalWorkflow } from '../shared/taskStatus';
import type { TestRunResult } from '../shared/testResults';
import type { WorkflowPhaseInfo } from '../shared/workflowPhase';
import type { WorkflowRequest } from '../shared/workflowRequest';
import { builtInModules } from '../workflows/builtInModules';
import type { ModuleDependencies } from '../workflows/moduleDependencies';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from '../shared/workflowLimits';
import type { WorkflowModule } from '../workflows/workflowModule';
import type { WorkflowModules } from '../workflows/workflowModules';
import type { WorkflowReport } from '../workflows/workflowReport';
import { builtinSuperpowers } from '../superpowers/builtinSuperpowers';
import { pricesWithBuiltIns } from '../llm/builtInPrices';
import type { RuntimePorts } from './runtimePorts';
import type { RuntimeSettings } from './runtimeSettings';
import { WorkflowNetwork } from './workflowNetwork';

const embeddedEngine: OpenEngine = (parts) => EmbeddedEngine.open(parts);

/** Each skill an agent used goes into the journal as well as the event log; a failed append is logged, never fatal to the run. */
function journalSkillUses(journal: SkillUseJournal, logger: Logger): (event: EngineEvent) => void {
  return (event) => {
    if (event.type !== 'skill' || event.workflowId === undefined) return;
    const { name, source, sourceLabel, contentHash, agent, workflowId, taskId, file, ran } = event;
    journal
      .recordSkillUse({ name, source, sourceLabel, contentHash, agent, workflowId, ...(taskId !== undefined && { taskId }), ...(file !== undefined && { file }), ...(ran && { ran }) })
      .catch((error: unknown) => logger.warn(`The use of skill ${name} could not be recorded in the journal: ${error instanceof Error ? error.message : String(error)}`));
  };
}

export class Runtime {
  private constructor(
    readonly engine: WorkflowEngine,
    /** The runtime's event stream: every part publishes here, every view subscribes here. */
    readonly events: EventStream,
    readonly board: Board,
    /** What each workflow has established so far. */
    readonly memory: WorkflowMemory,
    readonly modules: WorkflowModules,
    readonly limits: WorkflowLimits,
    private readonly monitor: HealingMonitor,
    private readonly ports: RuntimePorts,
    private readonly settings: RuntimeSettings,
    /** What a person told a running workflow's agents; they read it with their next model call. */
    private readonly guidance: PersonGuidance,
    /** Which workflows' test runs may reach the network. */
    private readonly network: WorkflowNetwork,
    /** The host's test runner with each workflow's network permission on its runs. */
    readonly tests: TestRunner,
  ) {}

  /** Opens everything over the host's ports; call recover() next to take up interrupted workflows. */
  static async open(ports: RuntimePorts, settings: RuntimeSettings): Promise<Runtime> {
    const { store, workspace, clock, logger, approvals } = ports;
    const healing = settings.healing ?? {};
    const limits = { ...DEFAULT_WORKFLOW_LIMITS, ...settings.limits };
    const modules = ports.modules ?? builtInModules();
    const events = await EventStream.open(store.log('events'), clock, logger);
    const network = new WorkflowNetwork(await store.log<EngineEvent>('events').readAll());
    events.subscribe(network.observe);
    const tests = network.runner(ports.tests);
    const handlers = new StepHandlers();
    const engine = await (ports.openEngine ?? embeddedEngine)({ store, handlers, events, clock, logger, ...(approvals instanceof PendingApprovals && { approvals }) });
    const monitor = new HealingMonitor({
      clock,
      emit: events.emit,
      logger,
      workspace,
      ...(settings.budgets && { budgets: settings.budgets }),
      ...(healing.stallLimits && { stallLimits: healing.stallLimits }),
      ...(healing.deadlockGraceMs !== undefined && { deadlockGraceMs: healing.deadlockGraceMs }),
      ...(healing.checkEveryMs !== undefined && { checkEveryMs: healing.checkEveryMs }),
    });
    events.subscribe(monitor.observe);
    if (ports.journal) events.subscribe(journalSkillUses(ports.journal, logger));
    monitor.onDetection(new DeadlockResponder({ engine, emit: events.emit, logger, ...(approvals && { approvals }) }).onDetection);
    const fallback = settings.fallbackModel === undefined ? undefined : ports.model(events.emit, settings.fallbackModel);
    const guidance = new PersonGuidance();
    events.subscribe((event) => {
      if (event.type === 'workflow' && isTerminalWorkflow(event.status)) guidance.forget(event.workflowId);
    });
    const model = new WatchedModelClient(guidance.wrap(ports.model(events.emit)), { monitor, clock, ...(fallback && { fallback: guidance.wrap(fallback) }) });
    const board = new Board({ model, audit: store.log<VerdictRecord>('board-verdicts'), clock, events: events.emit });
    const memory = new WorkflowMemory(store, clock, ports.countTokens);
    const learned = ports.memory && new LearnedMemories(ports.memory, logger);
    const skills = ports.skills?.(events.emit, approvals);
    // The superpowers' code comes from the skills loaded; a runtime that loads none runs the built-ins' code.
    const superpowers = skills ?? builtinSuperpowers;
    // Who planned tasks are dispatched to: CodeBot, TestBot, DesignBot when there is a browser, IntegrationBot when there are its tools.
    const agents = builtInTaskAgents({ model, workspace, tests, ...(ports.pages && { pages: ports.pages }), ...(ports.integration && { integration: ports.integration }) });
    const deps: ModuleDependencies = { model, workspace, undo: workspace, tests, board, workflowMemory: memory, ...(learned && { learned }), ...(skills && { skills }), superpowers, ...(ports.pages && { pages: ports.pages }), ...(ports.integration && { integration: ports.integration }), ...(approvals && { approvals }), ...(settings.modelSeesImages === true && { modelSeesImages: true }), agents, limits, logger, clock };
    const healingOptions: HealingOptions = {
      clock,
      monitor,
      fallback: model,
      board: new BoardRecoveryAdvisor(board),
      replayGuard: new ReplayGuard(workspace, store.log<AttemptRecord>('healing-attempts'), clock),
      ...(approvals && { approvals }),
      ...(healing.ladder && { policy: healing.ladder }),
    };
    for (const module of modules.list()) module.registerSteps(handlers, deps, healingOptions);
    monitor.start();
    return new Runtime(engine, events, board, memory, modules, limits, monitor, ports, settings, guidance, network, tests);
  }

  get workspace(): Workspace & WorkflowUndo {
    return this.ports.workspace;
  }

  /**
   * Starts the module the request names on it. Throws UnknownWorkflowError (naming the modules
   * there are) for an unknown id, and ModuleInputError for a request the module cannot start from.
   */
  async start(request: WorkflowRequest): Promise<string> {
    const module = this.modules.get(request.workflow);
    const workflowId = await this.engine.start(module.definition, module.input(request));
    if (request.allowNetwork === true) this.events.emit({ type: 'network', workflowId, allowed: true, by: 'start' });
    return workflowId;
  }

  /**
   * Lets the workflow's test runs reach the network from its next run on (`by` 'start': asked for
   * as it started), or takes that back; no other workflow's runs change. Refused for a workflow
   * that is not in the store or has ended.
   */
  allowNetwork(workflowId: string, allowed = true, by: 'start' | 'person' = 'person'): void {
    const workflow = this.engine.list().find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`There is no workflow ${workflowId} in this workspace.`);
    if (isTerminalWorkflow(workflow.status)) throw new Error(`Workflow ${workflowId} has ended (${workflow.status.toLowerCase()}); its test runs are over.`);
    if (this.network.allowed(workflowId) === allowed) return;
    this.events.emit({ type: 'network', workflowId, allowed, by });
  }

  /** Whether the workflow's test runs may reach the network, and since when; undefined when they may not. */
  networkOf(workflowId: string): 'start' | 'person' | undefined {
    return this.network.allowedHow(workflowId);
  }

  /**
   * Passes a person's note to a running (or paused) workflow's agents: they read it with their next
   * model call, and every call after. Refused for a workflow that is not in the store or has ended.
   */
  guide(workflowId: string, text: string): void {
    const workflow = this.engine.list().find((candidate) => candidate.id === workflowId);
    if (!workflow) throw new Error(`There is no workflow ${workflowId} in this workspace.`);
    if (isTerminalWorkflow(workflow.status)) throw new Error(`Workflow ${workflowId} has ended (${workflow.status.toLowerCase()}); start a new one to ask for more.`);
    this.guidance.add(workflowId, text);
  }

  /** The module a stored workflow was started from; undefined for one no module here defines. */
  async moduleOf(workflowId: string): Promise<WorkflowModule | undefined> {
    const workflow = await this.engine.get(workflowId);
    return workflow && this.modules.ofDefinition(workflow.definition.name);
  }

  /** The phases a person sees of a workflow this engine knows, from its module; empty for one no module here defines. */
  phasesOf(workflowId: string): readonly WorkflowPhaseInfo[] {
    const name = this.engine.list().find((workflow) => workflow.id === workflowId)?.name;
    return (name === undefined ? undefined : this.modules.ofDefinition(name))?.phases ?? [];
  }

  /** The phase of its module that a workflow's step belongs to. */
  phaseOfStep(workflowId: string, step: string): WorkflowPhaseInfo | undefined {
    return this.phasesOf(workflowId).find((phase) => phase.steps.includes(step));
  }

  async verdicts(): Promise<VerdictRecord[]> {
    return this.ports.store.log<VerdictRecord>('board-verdicts').readAll();
  }

  /** Every event the runtime's log holds, from this process and the earlier ones. */
  async pastEvents(): Promise<EngineEvent[]> {
    return this.ports.store.log<EngineEvent>('events').readAll();
  }

  /** What the next run will likely use, from the runs this folder's store remembers, with the budgets it must keep. */
  async forecast(): Promise<RunForecast> {
    const { models, prices, budgets } = this.settings;
    const named = [models.default, ...Object.values(models.byRole ?? {}).filter((model): model is string => model !== undefined)];
    return forecastFromHistory(await this.pastEvents(), { models, prices: pricesWithBuiltIns(named, prices), ...(budgets && { budgets }) });
  }

  /**
   * The report of a workflow that has ended, built by its module, with every line holding a secret
   * withheld from the diffs. `finalTests` is a fresh run of the suite, when the caller made one.
   */
  async report(workflowId: string, finalTests?: TestRunResult): Promise<WorkflowReport> {
    const workflow = await this.engine.get(workflowId);
    if (!workflow) throw new Error(`workflow ${workflowId} is not in the store`);
    const module = this.modules.ofDefinition(workflow.definition.name);
    if (!module) throw new Error(`workflow ${workflowId} ran "${workflow.definition.name}", which no workflow module here defines (the modules are: ${this.modules.ids().join(', ')})`);
    await this.ports.store.flush();
    return module.report({
      workflow,
      events: await this.pastEvents(),
      verdicts: await this.verdicts(),
      changes: await withoutSecrets(await changedFiles(workflowId, this.workspace, this.workspace)),
      ...(finalTests !== undefined && { finalTests }),
    });
  }

  /** Takes up the workflows an earlier process (a reload, a crash) left running. */
  recover(): Promise<string[]> {
    return this.engine.recover();
  }

  /** Lets go of the running workflows (they stay RUNNING for the next recover()) and stops the watchdog; the store stays open. */
  async close(): Promise<void> {
    this.monitor.stop();
    await this.engine.close();
    await this.monitor.settled();
  }
}
