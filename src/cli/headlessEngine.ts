// The composition root of the headless engine (the CLI and the demo): the same parts the extension
// builds, over Node's file system, the framework runners and an OpenAI-compatible endpoint.
import { join } from 'node:path';
import { Board, type VerdictRecord } from '../core/board/boardReview';
import type { JournalEntry } from '../core/journal/journalEntry';
import { WriteJournal } from '../core/journal/writeJournal';
import { EmbeddedEngine } from '../core/orchestrator/embeddedEngine';
import { StepHandlers } from '../core/orchestrator/stepHandler';
import { SystemClock } from '../core/orchestrator/systemClock';
import type { Logger } from '../core/ports';
import { NodeWorkspace } from '../infra/nodeWorkspace';
import { JsonStore } from '../infra/store/jsonStore';
import { WorkspaceTestRunner } from '../infra/testRunners/workspaceTestRunner';
import { OpenAiCompatibleClient } from '../llm/openAiCompatibleClient';
import type { EngineEvent } from '../shared/events';
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

  async close(): Promise<void> {
    await this.engine.close();
    await this.store.close();
  }
}
