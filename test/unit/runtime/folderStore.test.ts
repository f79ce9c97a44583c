// One store per folder: the editor's workflow service and the CLI both open <folder>/.imperium/ with
// openFolderStore and the runtime on it, so `imperium status` shows what the editor ran, and the
// writer's lock keeps a window and a CLI run apart with a message that says who holds the folder.
// The editor's side is the composition WorkflowService.open makes (openFolderStore, then
// Runtime.open over it), here with a one-step module so no model is needed.
import * as assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/cli/cli';
import { COMMANDS } from '../../../src/cli/commands';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { WorkspaceTestRunner } from '../../../src/infra/testRunners/workspaceTestRunner';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { countTextTokens } from '../../../src/llm/tokenCount';
import { FolderInUseError, openFolderStore } from '../../../src/runtime/folderStore';
import { Runtime } from '../../../src/runtime/runtime';
import { WorkflowModules } from '../../../src/workflows/workflowModules';
import type { WorkflowModule } from '../../../src/workflows/workflowModule';

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A module whose one step writes a note and completes: a workflow the editor could have run. */
const noteModule: WorkflowModule = {
  id: 'note',
  title: 'Note',
  description: 'Writes NOTE.md.',
  definition: { name: 'note', version: 1, steps: [{ name: 'write', handler: 'note.write', inputs: { request: '${workflow.input.request}' } }] },
  phases: [{ id: 'write', title: 'Write', steps: ['write'] }],
  input: ({ request }) => ({ request }),
  registerSteps: (handlers, deps) => {
    handlers.register('note.write', {
      async run(input, context) {
        await deps.workspace.write('NOTE.md', `${String(input.request)}\n`, { workflowId: context.workflowId, taskId: context.taskId, agent: 'engine' });
        return { output: { written: 'NOTE.md' } };
      },
    });
  },
  report: () => {
    throw new Error('the note module has no report');
  },
};

/** The runtime as the editor opens it on a folder (WorkflowService.open), with the note module. */
async function openAsTheEditor(folder: string) {
  const clock = new SystemClock();
  const store = await openFolderStore(folder, silent);
  const workspace = await NodeWorkspace.open(folder, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
  const runtime = await Runtime.open(
    {
      store,
      workspace,
      tests: new WorkspaceTestRunner(folder, { logger: silent, sandbox: {} }),
      // A client of an endpoint nothing listens on: the note module asks no model.
      model: (events) => new OpenAiCompatibleClient({ baseUrl: 'http://127.0.0.1:9/v1', models: { default: 'none' }, events, logger: silent }),
      countTokens: countTextTokens,
      clock,
      logger: silent,
      modules: new WorkflowModules([noteModule]),
    },
    { models: { default: 'none' } },
  );
  return {
    runtime,
    async close() {
      await runtime.close();
      await store.close();
    },
  };
}

async function cli(folder: string, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), cwd: folder }, COMMANDS);
  return { code, stdout, stderr };
}

describe('one store per folder, for the editor and the CLI', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-folder-store-'));
  });

  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('shows in `imperium status` the workflow the editor ran', async () => {
    const editor = await openAsTheEditor(folder);
    let id: string;
    try {
      id = await editor.runtime.start({ workflow: 'note', request: 'Hello from the editor.' });
      assert.equal((await editor.runtime.engine.settled(id)).status, 'COMPLETED');
    } finally {
      await editor.close();
    }
    const json = await cli(folder, 'status', folder, '--json');
    assert.equal(json.code, 0, json.stderr);
    const listed = JSON.parse(json.stdout) as { id: string; name: string; status: string }[];
    assert.deepEqual(
      listed.map(({ id: listedId, name, status }) => ({ id: listedId, name, status })),
      [{ id, name: 'note', status: 'COMPLETED' }],
    );
  });

  it('refuses a CLI run while a window holds the folder, saying so, and lets it run once the window let go', async () => {
    // A scenario the run would answer from, had it started.
    const scenario = join(__dirname, '../../../examples/scenarios/bookshelf-citation.json');
    const editor = await openAsTheEditor(folder);
    try {
      const refused = await cli(folder, 'run', folder, 'Add a thing.', '--scenario', scenario);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /^imperium run: Workflows in .* are being run by another Imperium Flow \(a VS Code window or an `imperium` command\): .*`imperium status` shows what runs there meanwhile\.\n$/s);
      // Reading is no writing: status still shows the folder while the window holds it.
      assert.equal((await cli(folder, 'status', folder)).code, 0);
    } finally {
      await editor.close();
    }
    const again = await openAsTheEditor(folder);
    await again.close();
  });

  it('refuses a second window (a second writer in any process) with FolderInUseError', async () => {
    const first = await openAsTheEditor(folder);
    try {
      await assert.rejects(openFolderStore(folder, silent), (error: unknown) => error instanceof FolderInUseError && /another Imperium Flow/.test(error.message));
    } finally {
      await first.close();
    }
  });
});
