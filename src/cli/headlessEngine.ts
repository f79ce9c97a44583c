// The CLI's host for the runtime (the CLI, the demo and the tests that run it in process): the
// ports over Node's file system, the framework runners, an OpenAI-compatible endpoint (with a
// fallback model, prices and embeddings when configured) and long-term memory in this folder and
// the user's, then the runtime opened on them, as the editor opens it on its own ports.
import { join } from 'node:path';
import type { Budgets } from '../core/healing/budgetTracker';
import type { JournalEntry } from '../core/journal/journalEntry';
import { WriteJournal } from '../core/journal/writeJournal';
import type { OpenEngine } from '../core/orchestrator/engineApi';
import { SystemClock } from '../core/orchestrator/systemClock';
import type { WorkflowEngine } from '../core/orchestrator/workflowEngine';
import type { RunForecast } from '../core/healing/budgetForecast';
import type { VerdictRecord } from '../core/board/boardReview';
import { embedderOf } from '../core/memory/modelEmbedder';
import type { Approvals, EventSink, Logger, TestRunner } from '../core/ports';
import { isTestPath } from '../agents/testFiles';
import { JournalledTestRunner } from '../infra/testRunners/journalledTestRunner';
import { NodeWorkspace } from '../infra/nodeWorkspace';
import type { SandboxPolicy } from '../infra/sandbox/confinement';
import type { JsonStore } from '../infra/store/jsonStore';
import { TestRunnerError, WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
import { OpenAiCompatibleClient } from '../llm/openAiCompatibleClient';
import { StepModelBudget } from '../llm/stepModelBudget';
import { countTextTokens } from '../llm/tokenCount';
import { MEMORY_FOLDER, openFolderStore, STATE_FOLDER } from '../runtime/folderStore';
import { Runtime } from '../runtime/runtime';
import type { HealingSettings } from '../runtime/runtimeSettings';
import type { WorkflowLimits, WorkflowModules, WorkflowReport } from '../runtime/workflowCatalog';
import type { EngineEvent } from '../shared/events';
import type { AgentRole } from '../shared/agents';
import type { PriceTable } from '../shared/modelPricing';
import { type CliMemory, defaultGlobalMemoryFolder, openCliMemory } from './cliMemory';
import { openCliSkills } from './cliSkills';
import type { PageInspector } from '../superpowers/design/pageInspector';
import { workspaceBrowser } from '../runtime/workspaceBrowser';
import { workspaceIntegration } from '../runtime/workspaceIntegration';

export interface ModelSettings {
  readonly baseUrl: string;
  readonly model: string;
  /** A model per role instead of `model` (--role-model). */
  readonly byRole?: Partial<Record<AgentRole, string>>;
  readonly apiKey?: string;
  /** The model the retry ladder falls back to, on the same endpoint. */
  readonly fallbackModel?: string;
  /** The model accepts images: screenshots of failed browser checks go to the Product Owner as advice. */
  readonly seesImages?: boolean;
  /** The embedding model long-term memory ranks with by meaning; without one, recall is lexical. */
  readonly embeddingModel?: string;
  /** Each model call's deadline (default DEFAULT_TIMEOUT_MS). */
  readonly callTimeoutMs?: number;
  /** What all the model calls of one step may take together (default none). */
  readonly stepTotalMs?: number;
  /** USD per million tokens by model, for costs, budgets and the forecast. */
  readonly prices?: PriceTable;
}

export interface HeadlessOptions {
  readonly folder: string;
  readonly model: ModelSettings;
  readonly logger: Logger;
  readonly limits?: Partial<WorkflowLimits>;
  /** The self-healing layer's settings and the budgets it holds workflows to. */
  readonly healing?: HealingSettings & { readonly budgets?: Budgets };
  /** The user's global memory folder; default $IMPERIUM_GLOBAL_MEMORY or ~/.imperium/memory. */
  readonly globalMemory?: string;
  /** Who answers escalations; the CLI runs without anyone to ask. */
  readonly approvals?: Approvals;
  /** The Chromium DesignBot checks pages in (default the system's); false: no browser, so no DesignBot. */
  readonly browser?: string | false;
  /** The home folder whose skill folders (~/.claude/skills, ...) agents are offered; false: none. Default the user's. */
  readonly skillsHome?: string | false;
  /** What test runs made for no workflow may do beyond the sandbox's defaults (network); a workflow's runs have its own permission. */
  readonly sandbox?: SandboxPolicy;
  /** The engine the workflow runs on; default the embedded one. */
  readonly openEngine?: OpenEngine;
  /** The workflow modules to offer; the built-in ones by default. */
  readonly modules?: WorkflowModules;
}

export class HeadlessEngine {
  private constructor(
    readonly runtime: Runtime,
    readonly store: JsonStore,
    readonly workspace: NodeWorkspace,
    readonly tests: TestRunner,
    /** Long-term memory, this folder's and the user's. */
    readonly memory: CliMemory,
    /** The browser DesignBot checks pages in, when there is one. */
    readonly pages: PageInspector | undefined,
  ) {}

  static async open(options: HeadlessOptions): Promise<HeadlessEngine> {
    const clock = new SystemClock();
    const { logger } = options;
    const settings = options.model;
    const budget = settings.stepTotalMs === undefined ? undefined : new StepModelBudget(settings.stepTotalMs);
    // The fallback model (named by the runtime) replaces every role's model; otherwise each role has its own.
    const client = (model: string, events?: EventSink, embeddingModel?: string, byRole?: Partial<Record<AgentRole, string>>) => {
      const openAi = new OpenAiCompatibleClient({
        baseUrl: settings.baseUrl,
        ...(settings.apiKey !== undefined && { apiKey: settings.apiKey }),
        missingKeyHelp: 'Set IMPERIUM_API_KEY (or OPENAI_API_KEY) in the environment.',
        models: { default: model, ...(byRole && { byRole }) },
        ...(settings.prices && { prices: settings.prices }),
        ...(events && { events }),
        ...(embeddingModel !== undefined && { embeddingModel }),
        ...(settings.callTimeoutMs !== undefined && { timeoutMs: settings.callTimeoutMs }),
        logger,
      });
      return budget ? budget.wrap(openAi) : openAi;
    };
    const store = await openFolderStore(options.folder, logger);
    let memory: CliMemory | undefined;
    let pages: PageInspector | undefined;
    try {
      const journal = new WriteJournal(store.log<JournalEntry>('journal'), clock);
      const workspace = await NodeWorkspace.open(options.folder, { journal });
      const testTimeoutMs = options.limits?.testTimeoutMs;
      const runner = new WorkspaceTestRunner(options.folder, { ...(testTimeoutMs !== undefined && { defaultTimeoutMs: testTimeoutMs }), logger, sandbox: options.sandbox ?? {} });
      const tests = new JournalledTestRunner(runner, { root: options.folder, journal, isTestFile: isTestPath, logger });
      const embedder = settings.embeddingModel === undefined ? undefined : embedderOf(client(settings.model, undefined, settings.embeddingModel), settings.embeddingModel);
      memory = await openCliMemory({
        workspaceRoot: options.folder,
        workspaceFolder: join(options.folder, STATE_FOLDER, MEMORY_FOLDER),
        globalFolder: options.globalMemory ?? defaultGlobalMemoryFolder(),
        clock,
        logger,
        ...(embedder && { embedder }),
      });
      const skills = await openCliSkills({ folder: options.folder, logger, ...(options.skillsHome !== undefined && { home: options.skillsHome }) });
      pages = options.browser === false ? undefined : workspaceBrowser(options.folder, STATE_FOLDER, options.browser ?? process.env.IMPERIUM_BROWSER);
      const { budgets, ...healing } = options.healing ?? {};
      const runtime = await Runtime.open(
        {
          store,
          workspace,
          tests,
          model: (events, model) => (model === undefined ? client(settings.model, events, undefined, settings.byRole) : client(model, events)),
          countTokens: countTextTokens,
          clock,
          logger,
          memory,
          skills,
          journal,
          ...(pages && { pages }),
          integration: workspaceIntegration(options.folder),
          ...(options.approvals && { approvals: options.approvals }),
          ...(options.modules && { modules: options.modules }),
          ...(options.openEngine && { openEngine: options.openEngine }),
        },
        {
          models: { default: settings.model, ...(settings.byRole && { byRole: settings.byRole }) },
          ...(settings.fallbackModel !== undefined && { fallbackModel: settings.fallbackModel }),
          ...(settings.seesImages === true && { modelSeesImages: true }),
          ...(settings.prices && { prices: settings.prices }),
          ...(budgets && { budgets }),
          ...(options.limits && { limits: options.limits }),
          healing,
        },
      );
      return new HeadlessEngine(runtime, store, workspace, tests, memory, pages);
    } catch (error) {
      await pages?.close();
      await memory?.close();
      await store.close();
      throw error;
    }
  }

  get engine(): WorkflowEngine {
    return this.runtime.engine;
  }

  /** What the next run will likely use, from the runs in this folder, with the budgets it must keep. */
  forecast(): Promise<RunForecast> {
    return this.runtime.forecast();
  }

  verdicts(): Promise<VerdictRecord[]> {
    return this.runtime.verdicts();
  }

  events(): Promise<EngineEvent[]> {
    return this.runtime.pastEvents();
  }

  /**
   * The report of a workflow that has ended, with a fresh run of the suite (absent when the folder
   * has no test framework) and every line holding a secret withheld from the diffs.
   */
  async report(workflowId: string, testTimeoutMs?: number): Promise<WorkflowReport> {
    if (!(await this.engine.get(workflowId))) throw new Error(`workflow ${workflowId} is not in the store`);
    const allowNetwork = this.runtime.networkOf(workflowId) !== undefined;
    const finalTests = await this.tests.run({}, { label: `${workflowId} final`, allowNetwork, ...(testTimeoutMs !== undefined && { timeoutMs: testTimeoutMs }) }).catch((error: unknown) => {
      if (error instanceof TestRunnerError && (error.code === 'no-framework' || error.code === 'framework-not-installed')) return undefined;
      throw error;
    });
    return this.runtime.report(workflowId, finalTests);
  }

  async close(): Promise<void> {
    await this.runtime.close();
    await this.pages?.close();
    await this.memory.close();
    await this.store.close();
  }
}
