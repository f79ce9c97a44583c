// The composition root of the headless engine (the CLI and the demo): the same parts the extension
// builds, over Node's file system, the framework runners and an OpenAI-compatible endpoint.
import { join } from 'node:path';
import { Board, type VerdictRecord } from '../core/board/boardReview';
import { withoutSecrets } from '../core/board/securityChecks';
import { changedFiles } from '../core/journal/changedFiles';
import type { JournalEntry } from '../core/journal/journalEntry';
import { WriteJournal } from '../core/journal/writeJournal';
import { EmbeddedEngine } from '../core/orchestrator/embeddedEngine';
import { StepHandlers } from '../core/orchestrator/stepHandler';
import { SystemClock } from '../core/orchestrator/systemClock';
import type { Logger } from '../core/ports';
import { NodeWorkspace } from '../infra/nodeWorkspace';
import { JsonStore } from '../infra/store/jsonStore';
import { TestRunnerError, WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
import { OpenAiCompatibleClient } from '../llm/openAiCompatibleClient';
import type { EngineEvent } from '../shared/events';
import { buildFeatureReport, type FeatureReport } from '../superpowers/tdd/featureReport';
import { registerFeatureSteps } from '../superpowers/tdd/featureSteps';
import { DEFAULT_FEATURE_LIMITS, type FeatureLimits } from '../superpowers/tdd/featureWorkflow';

/** The engine's state folder inside the workspace; agents may not read or write it (PathPolicy). */
export const STATE_FOLDER = '.imperium';

export interface ModelSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
}

export interface HeadlessOptions {
  readonly folder: string;
  readonly model: ModelSettings;
  readonly logger: Logger;
  readonly limits?: Partial<FeatureLimits>;
}

export class HeadlessEngine {
  private constructor(
    readonly engine: EmbeddedEngine,
    readonly store: JsonStore,
    readonly workspace: NodeWorkspace,
    readonly tests: WorkspaceTestRunner,
    readonly board: Board,
  ) {}

  static async open(options: HeadlessOptions): Promise<HeadlessEngine> {
    const clock = new SystemClock();
    const limits = { ...DEFAULT_FEATURE_LIMITS, ...options.limits };
    const store = await JsonStore.open({ folder: join(options.folder, STATE_FOLDER), logger: options.logger });
    const workspace = await NodeWorkspace.open(options.folder, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
    const tests = new WorkspaceTestRunner(options.folder, { defaultTimeoutMs: limits.testTimeoutMs, logger: options.logger });
    const handlers = new StepHandlers();
    const engine = await EmbeddedEngine.open({ store, handlers, clock, logger: options.logger });
    const model = new OpenAiCompatibleClient({
      baseUrl: options.model.baseUrl,
      ...(options.model.apiKey !== undefined && { apiKey: options.model.apiKey }),
      missingKeyHelp: 'Set IMPERIUM_API_KEY (or OPENAI_API_KEY) in the environment.',
      models: { default: options.model.model },
      events: engine.emit,
      logger: options.logger,
    });
    const board = new Board({ model, audit: store.log<VerdictRecord>('board-verdicts'), clock, events: engine.emit });
    registerFeatureSteps(handlers, { model, workspace, undo: workspace, tests, board, limits });
    return new HeadlessEngine(engine, store, workspace, tests, board);
  }

  async verdicts(): Promise<VerdictRecord[]> {
    return this.store.log<VerdictRecord>('board-verdicts').readAll();
  }

  async events(): Promise<EngineEvent[]> {
    return this.store.log<EngineEvent>('events').readAll();
  }

  /**
   * The report of a workflow that has ended, with a fresh run of the suite (absent when the folder
   * has no test framework) and every line holding a secret withheld from the diffs.
   */
  async report(workflowId: string, testTimeoutMs?: number): Promise<FeatureReport> {
    const workflow = await this.engine.get(workflowId);
    if (!workflow) throw new Error(`workflow ${workflowId} is not in the store`);
    await this.store.flush();
    const finalTests = await this.tests.run({}, { label: `${workflowId} final`, ...(testTimeoutMs !== undefined && { timeoutMs: testTimeoutMs }) }).catch((error: unknown) => {
      if (error instanceof TestRunnerError && (error.code === 'no-framework' || error.code === 'framework-not-installed')) return undefined;
      throw error;
    });
    return buildFeatureReport({
      workflow,
      events: await this.events(),
      verdicts: await this.verdicts(),
      changes: await withoutSecrets(await changedFiles(workflowId, this.workspace, this.workspace)),
      finalTests,
    });
  }

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
  }
}
