// Runs the feature workflow end to end for a test: a copy of examples/bookshelf in a temp folder, the
// real HeadlessEngine over it (workspace, journal, store, node:test runner, Board), and the real
// scripted model server answering from a scenario in test/fixtures/workflow-scenarios.
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HeadlessEngine, type HeadlessOptions } from '../../../src/cli/headlessEngine';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import { SCRIPTED_EMBEDDING_MODEL } from '../../../src/cli/modelOptions';
import type { VerdictRecord } from '../../../src/core/board/boardReview';
import type { JournalEntry, JournalWrite } from '../../../src/core/journal/journalEntry';
import type { WorkflowSnapshot } from '../../../src/core/orchestrator/workflowState';
import type { MemoryRecord } from '../../../src/core/memory/memoryRecord';
import type { Approvals, Logger } from '../../../src/core/ports';
import { startScriptedModelServer, type RecordedRequest } from '../../../src/llm/scriptedServer/scriptedModelServer';
import type { EngineEvent } from '../../../src/shared/events';
import type { TestRunResult } from '../../../src/shared/testResults';
import type { WorkflowReport } from '../../../src/workflows/workflowReport';
import { FEATURE_WORKFLOW } from '../../../src/workflows/feature/featureWorkflow';
import type { WorkflowLimits } from '../../../src/shared/workflowLimits';

export const REPOSITORY = join(__dirname, '..', '..', '..');
const EXAMPLE = join(REPOSITORY, 'examples', 'bookshelf');
export const SCENARIOS = join(REPOSITORY, 'test', 'fixtures', 'workflow-scenarios');

/** The request every scenario in test/fixtures/workflow-scenarios answers (except plan-vetoed.json). */
export const SIZE_REQUEST = 'Add Shelf#size(): the number of books on the shelf.';

/** Files of a project by workspace-relative path, the engine's state folder left out. */
export type ProjectFiles = ReadonlyMap<string, Buffer>;

export interface FeatureRun {
  readonly folder: string;
  readonly workflow: WorkflowSnapshot;
  readonly report: WorkflowReport;
  readonly events: readonly EngineEvent[];
  readonly journal: readonly JournalEntry[];
  readonly verdicts: readonly VerdictRecord[];
  /** The whole suite, run once the workflow ended. */
  readonly finalTests: TestRunResult;
  /** Every chat request the scripted server answered, in order. */
  readonly requests: readonly RecordedRequest[];
  /** Scripted replies the workflow never asked for. */
  readonly unusedReplies: number;
  /** The project's files before the workflow, and after the last completed task of each step. */
  readonly filesBefore: ProjectFiles;
  readonly filesAfterStep: ReadonlyMap<string, ProjectFiles>;
  /** The project's files now. */
  files(): ProjectFiles;
  /** Long-term memory after the run. */
  readonly memories: MemoriesAfter;
  /** Embedding requests the scripted server answered (semantic recall and promotion). */
  readonly embeddingRequests: number;
  /** What the engine logged at warning level or above, one line each. */
  readonly warnings: readonly string[];
  remove(): Promise<void>;
}

export interface FeatureRunOptions {
  /** A file name in test/fixtures/workflow-scenarios. */
  readonly scenario: string;
  readonly request?: string;
  readonly limits?: Partial<WorkflowLimits>;
  readonly healing?: HeadlessOptions['healing'];
  /** Who answers escalations; none, as in the CLI, by default. */
  readonly approvals?: Approvals;
  /** The model the ladder falls back to (the scripted server answers it too). */
  readonly fallbackModel?: string;
  /** Run in this project (a copy made earlier, by copyExample) instead of a fresh copy; it is kept. */
  readonly folder?: string;
  /** The user's global memory folder; by default one inside the project's state folder. */
  readonly globalMemory?: string;
}

/** Long-term memory as the run left it. */
export interface MemoriesAfter {
  readonly workspace: readonly MemoryRecord[];
  readonly global: readonly MemoryRecord[];
}

// A run of the example takes well under a second: one that hangs should fail the test long before
// the default limit of two minutes.
const TEST_TIMEOUT_MS = 30_000;

export async function runFeature(options: FeatureRunOptions): Promise<FeatureRun> {
  const { scenario, request = SIZE_REQUEST, limits } = options;
  const folder = options.folder ?? (await copyExample());
  const server = await startScriptedModelServer(join(SCENARIOS, scenario));
  const warnings: string[] = [];
  // The tests look at what the engine recorded; of its log, only what a person would be warned of.
  const logger: Logger = { debug: () => undefined, info: () => undefined, warn: (line) => warnings.push(line), error: (line) => warnings.push(line) };
  let headless: HeadlessEngine | undefined;
  try {
    headless = await HeadlessEngine.open({
      folder,
      model: {
        baseUrl: server.url,
        model: server.scenario.model,
        embeddingModel: SCRIPTED_EMBEDDING_MODEL,
        ...(options.fallbackModel !== undefined && { fallbackModel: options.fallbackModel }),
      },
      logger,
      limits: { testTimeoutMs: TEST_TIMEOUT_MS, ...limits },
      globalMemory: options.globalMemory ?? join(folder, STATE_FOLDER, 'global-memory'),
      // The machine's own ~/.claude/skills and the like stay out of the scripted runs.
      skillsHome: false,
      ...(options.healing && { healing: options.healing }),
      ...(options.approvals && { approvals: options.approvals }),
    });
    const filesBefore = readProject(folder);
    const filesAfterStep = new Map<string, ProjectFiles>();
    // Listeners run synchronously as the task ends, before the next step can write anything.
    headless.engine.subscribe((event) => {
      if (event.type === 'task' && event.status === 'COMPLETED') filesAfterStep.set(event.step, readProject(folder));
    });
    const id = await headless.engine.start(FEATURE_WORKFLOW, { request });
    const workflow = await headless.engine.settled(id);
    const report = await headless.report(id, TEST_TIMEOUT_MS);
    const finalTests = await headless.tests.run({}, { label: `${id} final`, timeoutMs: TEST_TIMEOUT_MS });
    const events = await headless.events();
    const verdicts = await headless.verdicts();
    const journal = await headless.store.log<JournalEntry>('journal').readAll();
    const memories = { workspace: headless.memory.workspace.list({ limit: 1000 }).items, global: headless.memory.global.list({ limit: 1000 }).items };
    return {
      folder,
      workflow,
      report,
      events,
      journal,
      verdicts,
      finalTests,
      requests: server.requests.filter((r) => r.path === '/v1/chat/completions'),
      unusedReplies: server.remaining(),
      filesBefore,
      filesAfterStep,
      files: () => readProject(folder),
      memories,
      embeddingRequests: server.requests.filter((r) => r.path === '/v1/embeddings').length,
      warnings,
      remove: () => (options.folder === undefined ? rm(folder, { recursive: true, force: true }) : Promise.resolve()),
    };
  } catch (error) {
    if (options.folder === undefined) await rm(folder, { recursive: true, force: true });
    throw error;
  } finally {
    await headless?.close();
    await server.close();
  }
}

export async function copyExample(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'imperium-workflow-'));
  await cp(EXAMPLE, folder, { recursive: true });
  return folder;
}

/** The chat requests of one agent role, in order. */
export function requestsOf(run: FeatureRun, role: string): RecordedRequest[] {
  return run.requests.filter((request) => request.role === role);
}

/** The messages of a chat request, as the model read them. */
export function messagesOf(request: RecordedRequest): { readonly role: string; readonly content: string | null }[] {
  return (request.body as { messages: { role: string; content: string | null }[] }).messages;
}

/** The task each run of an agent started from (the message after its system prompt), in order. */
export function agentTasks(run: FeatureRun, role: string): string[] {
  return requestsOf(run, role)
    .map(messagesOf)
    .filter((messages) => messages.length === 2)
    .map((messages) => messages[1].content ?? '');
}

/** The journal's writes, as `agent op path` lines, in order. */
export function journalWrites(run: FeatureRun): string[] {
  return run.journal.filter((entry): entry is JournalWrite => entry.kind === 'write').map((entry) => `${entry.agent} ${entry.op} ${entry.path}`);
}

/** The output of the last task of a step. */
export function stepOutput(run: FeatureRun, step: string): Record<string, unknown> | undefined {
  return run.workflow.tasks.filter((task) => task.step === step).at(-1)?.output as Record<string, unknown> | undefined;
}

/** Whether the file has the bytes it had when the step last completed. */
export function unchangedSince(run: FeatureRun, step: string, path: string): boolean {
  const then = run.filesAfterStep.get(step)?.get(path);
  const now = run.files().get(path);
  return then !== undefined && now !== undefined && then.equals(now);
}

/** The files whose bytes differ between two states of the project, sorted. */
export function differingFiles(a: ProjectFiles, b: ProjectFiles): string[] {
  const paths = new Set([...a.keys(), ...b.keys()]);
  return [...paths]
    .filter((path) => {
      const [before, after] = [a.get(path), b.get(path)];
      return before === undefined || after === undefined || !before.equals(after);
    })
    .sort();
}

function readProject(root: string, folder = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
    if (entry.isDirectory() && entry.name !== STATE_FOLDER) for (const [file, bytes] of readProject(root, path)) files.set(file, bytes);
    else if (entry.isFile()) files.set(path, readFileSync(join(root, path)));
  }
  return files;
}
