// The composition root of the headless engine (the CLI and the demo): the feature engine over
// Node's file system, the framework runners, an OpenAI-compatible endpoint (with a fallback model
// and embeddings when configured) and long-term memory in this folder and the user's.
import { join } from 'node:path';
import type { Board, VerdictRecord } from '../core/board/boardReview';
import type { JournalEntry } from '../core/journal/journalEntry';
import { WriteJournal } from '../core/journal/writeJournal';
import type { OpenEngine, WorkflowEngineApi } from '../core/orchestrator/engineApi';
import { SystemClock } from '../core/orchestrator/systemClock';
import type { RunForecast } from '../core/healing/budgetForecast';
import { embedderOf } from '../core/memory/modelEmbedder';
import type { Approvals, EventSink, Logger, TestRunner } from '../core/ports';
import { isTestPath } from '../agents/testFiles';
import { JournalledTestRunner } from '../infra/testRunners/journalledTestRunner';
import { NodeWorkspace } from '../infra/nodeWorkspace';
import type { SandboxPolicy } from '../infra/sandbox/confinement';
import { JsonStore } from '../infra/store/jsonStore';
import { TestRunnerError, WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
import type { ModelChoice } from '../llm/modelChoice';
import { OpenAiCompatibleClient } from '../llm/openAiCompatibleClient';
import { StepModelBudget } from '../llm/stepModelBudget';
import type { EngineEvent } from '../shared/events';
import { FeatureEngine, type FeatureHealing } from '../superpowers/tdd/featureEngine';
import type { WorkflowReport } from '../workflows/workflowReport';
import type { WorkflowLimits } from '../workflows/workflowLimits';
import { type CliMemory, defaultGlobalMemoryFolder, openCliMemory } from './cliMemory';
import { openCliSkills } from './cliSkills';

/** The engine's state folder inside the workspace; agents may not read or write it (PathPolicy). */
export const STATE_FOLDER = '.imperium';
/** This folder's long-term memory, inside the state folder. */
export const MEMORY_FOLDER = 'memory';

export interface ModelSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** The model the retry ladder falls back to, on the same endpoint. */
  readonly fallbackModel?: string;
  /** The embedding model long-term memory ranks with by meaning; without one, recall is lexical. */
  readonly embeddingModel?: string;
  /** Each model call's deadline (default DEFAULT_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  /** What all the model calls of one step may take together (default none). */
  readonly stepTotalMs?: number;
}

export interface HeadlessOptions {
  readonly folder: string;
  readonly model: ModelSettings;
  readonly logger: Logger;
  readonly limits?: Partial<WorkflowLimits>;
  /** The self-healing layer's settings (the fallback model comes with the model settings). */
  readonly healing?: Omit<FeatureHealing, 'fallbackModel'>;
  /** The user's global memory folder; default $IMPERIUM_GLOBAL_MEMORY or ~/.imperium/memory. */
  readonly globalMemory?: string;
  /** Who answers escalations; the CLI runs without anyone to ask. */
  readonly approvals?: Approvals;
  /** The home folder whose skill folders (~/.claude/skills, ...) agents are offered; false: none. Default the user's. */
  readonly skillsHome?: string | false;
  /** What test runs may do beyond the sandbox's defaults (network). */
  readonly sandbox?: SandboxPolicy;
  /** The engine the workflow runs on; default the embedded one. */
  readonly openEngine?: OpenEngine;
}

export class HeadlessEngine {
  private constructor(
    private readonly feature: FeatureEngine,
    readonly store: JsonStore,
    readonly workspace: NodeWorkspace,
    readonly tests: TestRunner,
    /** Long-term memory, this folder's and the user's. */
    readonly memory: CliMemory,
    private readonly models: ModelChoice,
  ) {}

  static async open(options: HeadlessOptions): Promise<HeadlessEngine> {
    const clock = new SystemClock();
    const { logger } = options;
    const settings = options.model;
    const budget = settings.stepTotalMs === undefined ? undefined : new StepModelBudget(settings.stepTotalMs);
    const client = (model: string, events?: EventSink, embeddingModel?: string) => {
      const openAi = new OpenAiCompatibleClient({
        baseUrl: settings.baseUrl,
        ...(settings.apiKey !== undefined && { apiKey: settings.apiKey }),
        missingKeyHelp: 'Set IMPERIUM_API_KEY (or OPENAI_API_KEY) in the environment.',
        models: { default: model },
        ...(events && { events }),
        ...(embeddingModel !== undefined && { embeddingModel }),
        ...(settings.callTimeoutMs !== undefined && { timeoutMs: settings.callTimeoutMs }),
        logger,
      });
      return budget ? budget.wrap(openAi) : openAi;
    };
    const store = await JsonStore.open({ folder: join(options.folder, STATE_FOLDER), logger, containedIn: options.folder });
    let memory: CliMemory | undefined;
    try {
      const journal = new WriteJournal(store.log<JournalEntry>('journal'), clock);
      const workspace = await NodeWorkspace.open(options.folder, { journal });
      const testTimeoutMs = options.limits?.testTimeoutMs;
      const runner = new WorkspaceTestRunner(options.folder, { ...(testTimeoutMs !== undefined && { defaultTimeoutMs: testTimeoutMs }), logger, sandbox: options.sandbox ?? {} });
      const tests = new JournalledTestRunner(runner, { root: options.folder, journal, isTestFile: isTestPath, logger });
      const embedder = settings.embeddingModel === undefined ? undefined : embedderOf(client(settings.model, undefined, settings.embeddingModel), settings.embeddingModel);
      memory = await openCliMemory({
        workspaceFolder: join(options.folder, STATE_FOLDER, MEMORY_FOLDER),
        globalFolder: options.globalMemory ?? defaultGlobalMemoryFolder(),
        clock,
        logger,
        ...(embedder && { embedder }),
      });
      const { fallbackModel } = settings;
      const skills = await openCliSkills({ folder: options.folder, logger, ...(options.skillsHome !== undefined && { home: options.skillsHome }) });
      const feature = await FeatureEngine.open({
        skills,
        store,
        workspace,
        tests,
        clock,
        logger,
        memory,
        ...(options.approvals && { approvals: options.approvals }),
        ...(options.openEngine && { openEngine: options.openEngine }),
        ...(options.limits !== undefined && { limits: options.limits }),
        healing: { ...options.healing, ...(fallbackModel !== undefined && { fallbackModel: (events: EventSink) => client(fallbackModel, events) }) },
        model: (events) => client(settings.model, events),
      });
      return new HeadlessEngine(feature, store, workspace, tests, memory, { default: settings.model });
    } catch (error) {
      await memory?.close();
      await store.close();
      throw error;
    }
  }

  /** What the next run will likely use, from the runs in this folder, with the budgets it must keep. */
  forecast(): Promise<RunForecast> {
    return this.feature.forecast({ models: this.models });
  }

  get engine(): WorkflowEngineApi {
    return this.feature.engine;
  }

  get board(): Board {
    return this.feature.board;
  }

  verdicts(): Promise<VerdictRecord[]> {
    return this.feature.verdicts();
  }

  events(): Promise<EngineEvent[]> {
    return this.feature.events();
  }

  /**
   * The report of a workflow that has ended, with a fresh run of the suite (absent when the folder
   * has no test framework) and every line holding a secret withheld from the diffs.
   */
  async report(workflowId: string, testTimeoutMs?: number): Promise<WorkflowReport> {
    if (!(await this.engine.get(workflowId))) throw new Error(`workflow ${workflowId} is not in the store`);
    const finalTests = await this.tests.run({}, { label: `${workflowId} final`, ...(testTimeoutMs !== undefined && { timeoutMs: testTimeoutMs }) }).catch((error: unknown) => {
      if (error instanceof TestRunnerError && (error.code === 'no-framework' || error.code === 'framework-not-installed')) return undefined;
      throw error;
    });
    return this.feature.report(workflowId, finalTests);
  }

  async close(): Promise<void> {
    await this.feature.close();
    await this.memory.close();
    await this.store.close();
  }
}
