// Issue 16, point 1: "no network unless the person allows it for the workflow". The permission is
// the workflow's: given when it starts (or while it runs), recorded in the runtime's event log so a
// reopened runtime (a resume, a reload) keeps it, shown in the report, and put on that workflow's test
// runs only. Two workflows run side by side, one allowed: under bubblewrap the allowed one's test
// reaches a server on this machine, the other's cannot. Before, the permission was the runner's
// (a window setting, a CLI flag): every workflow of the process had it, or none.
import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import { SystemClock } from '../../../src/core/orchestrator/systemClock';
import type { DiscoveredTest, ModelClient, TestRunner, TestRunOptions, TestSelection } from '../../../src/core/ports';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { usableBubblewrap } from '../../../src/infra/sandbox/bubblewrap';
import { JsonStore } from '../../../src/infra/store/jsonStore';
import { WorkspaceTestRunner } from '../../../src/infra/testRunners/workspaceTestRunner';
import { countTextTokens } from '../../../src/llm/tokenCount';
import { STATE_FOLDER } from '../../../src/runtime/folderStore';
import { Runtime } from '../../../src/runtime/runtime';
import { WorkflowNetwork } from '../../../src/runtime/workflowNetwork';
import type { EngineEvent } from '../../../src/shared/events';
import type { TestFramework, TestRunResult } from '../../../src/shared/testResults';
import { buildWorkflowReport } from '../../../src/workflows/workflowReport';
import type { WorkflowModule } from '../../../src/workflows/workflowModule';
import { WorkflowModules } from '../../../src/workflows/workflowModules';
import { RecordingLogger } from '../infra/store/storeTestKit';

/** A test double of the TestRunner port: records the options of each run, runs nothing. */
class RecordingTestRunner implements TestRunner {
  readonly runs: TestRunOptions[] = [];
  async detect(): Promise<TestFramework[]> {
    return ['node-test'];
  }
  async discover(): Promise<DiscoveredTest[]> {
    return [];
  }
  async run(_selection: TestSelection, options: TestRunOptions = {}): Promise<TestRunResult> {
    this.runs.push(options);
    return { framework: 'node-test', outcome: 'completed', summary: { passed: 0, failed: 0, skipped: 0 }, tests: [], errors: [], output: '', durationMs: 0 } as unknown as TestRunResult;
  }
}

/** The model: no step of the probe module calls it. */
const NO_MODEL: ModelClient = {
  chat: () => Promise.reject(new Error('the probe workflow calls no model')),
};

/**
 * A one-step workflow that runs the suite for itself, as TestBot's tool and the gates do (with the
 * workflow as the run's origin), once every workflow started with it is running, so their runs overlap.
 */
function probeModule(started: () => Promise<void>): WorkflowModule {
  const module: WorkflowModule = {
    id: 'probe',
    title: 'Probe',
    description: 'Runs the suite once.',
    definition: { name: 'probe', version: 1, steps: [{ name: 'tests', handler: 'probe.tests', inputs: {} }] },
    phases: [{ id: 'tests', title: 'Tests', steps: ['tests'] }],
    input: ({ request }) => ({ request }),
    registerSteps(handlers, deps) {
      handlers.register('probe.tests', {
        async run(_input, context) {
          await started();
          const result = await deps.tests.run({}, { label: `${context.workflowId} probe`, origin: { workflowId: context.workflowId, agent: 'testbot' }, signal: context.signal });
          return { output: { passed: result.summary.passed, failed: result.summary.failed, network: result.confinement?.network ?? null } };
        },
      });
    },
    report: (input) => buildWorkflowReport(module, input, { criteria: [], tasks: [], learned: [] }),
  };
  return module;
}

describe('network access belongs to a workflow', function () {
  this.timeout(90_000);
  let folder: string;
  let server: Server;
  let store: JsonStore | undefined;
  let runtime: Runtime | undefined;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'imperium-workflow-network-'));
    server = createServer((socket) => {
      socket.on('error', () => undefined);
      socket.end('hello from the host\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await writeFile(join(folder, 'package.json'), JSON.stringify({ name: 'probe', private: true, scripts: { test: 'node --test test/' } }));
    await mkdir(join(folder, 'test'));
    await writeFile(
      join(folder, 'test', 'network.test.js'),
      `const { test } = require('node:test');
const net = require('node:net');
test('reaches the host', () => new Promise((resolve, reject) => {
  const socket = net.connect(${port}, '127.0.0.1', () => { socket.destroy(); resolve(); });
  socket.on('error', reject);
}));
`,
    );
  });

  afterEach(async () => {
    await runtime?.close();
    await store?.close();
    runtime = undefined;
    store = undefined;
    server.close();
    await rm(folder, { recursive: true, force: true });
  });

  async function open(tests: TestRunner, started: () => Promise<void> = async () => undefined): Promise<Runtime> {
    const clock = new SystemClock();
    const logger = new RecordingLogger();
    store = await JsonStore.open({ folder: join(folder, STATE_FOLDER), logger });
    const workspace = await NodeWorkspace.open(folder, { journal: new WriteJournal(store.log<JournalEntry>('journal'), clock) });
    runtime = await Runtime.open(
      { store, workspace, tests, clock, logger, countTokens: countTextTokens, model: () => NO_MODEL, modules: new WorkflowModules([probeModule(started)]) },
      { models: { default: 'none' } },
    );
    return runtime;
  }

  async function closeRuntime(): Promise<void> {
    await runtime?.close();
    await store?.close();
    runtime = undefined;
    store = undefined;
  }

  it('gives the allowed workflow the network and the one beside it none, in confined runs at the same time', async function () {
    if (!(await usableBubblewrap())) this.skip();
    // Both workflows' steps wait until both are running, then run their suites together.
    let release: () => void = () => undefined;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const opened = await open(new WorkspaceTestRunner(folder, { defaultTimeoutMs: 30_000 }), () => bothStarted);
    const allowed = await opened.start({ workflow: 'probe', request: 'allowed', allowNetwork: true });
    const denied = await opened.start({ workflow: 'probe', request: 'denied' });
    release();
    const settled = await Promise.all([allowed, denied].map((id) => opened.engine.settled(id)));
    const outputs = settled.map((workflow) => workflow.tasks.at(-1)?.output ?? `${workflow.status}: ${workflow.reason}`);
    assert.deepEqual(outputs, [
      { passed: 1, failed: 0, network: true },
      { passed: 0, failed: 1, network: false },
    ]);
    assert.equal((await opened.report(allowed)).network, 'test runs may reach the network (allowed when the workflow started)');
    assert.equal((await opened.report(denied)).network, 'test runs have no network');
  });

  it('keeps the permission in the workflow\'s records: a reopened runtime (a resume) still has it', async () => {
    const recording = new RecordingTestRunner();
    let opened = await open(recording, () => new Promise(() => undefined));
    const allowed = await opened.start({ workflow: 'probe', request: 'allowed', allowNetwork: true });
    const other = await opened.start({ workflow: 'probe', request: 'other' });
    await store?.flush();
    await closeRuntime();
    opened = await open(recording);
    assert.equal(opened.networkOf(allowed), 'start');
    assert.equal(opened.networkOf(other), undefined);
    await opened.recover();
    await Promise.all([allowed, other].map((id) => opened.engine.settled(id)));
    assert.deepEqual(
      recording.runs.map((run) => [run.origin?.workflowId, run.allowNetwork]),
      [[allowed, true], [other, false]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it('lets a person allow a running workflow, for its next runs only, and refuses an unknown or ended one', async () => {
    const recording = new RecordingTestRunner();
    let gate: () => void = () => undefined;
    const gated = new Promise<void>((resolve) => (gate = resolve));
    const opened = await open(recording, () => gated);
    const id = await opened.start({ workflow: 'probe', request: 'later' });
    const events: EngineEvent[] = [];
    opened.events.subscribe((event) => events.push(event));
    opened.allowNetwork(id);
    gate();
    await opened.engine.settled(id);
    assert.deepEqual(recording.runs.map((run) => run.allowNetwork), [true]);
    assert.deepEqual(events.filter((event) => event.type === 'network').map((event) => [event.workflowId, event.type === 'network' && event.by]), [[id, 'person']]);
    assert.equal((await opened.report(id)).network, 'test runs may reach the network (allowed by a person while it ran)');
    assert.throws(() => opened.allowNetwork('wf-404'), /There is no workflow wf-404/);
    assert.throws(() => opened.allowNetwork(id), /has ended \(completed\)/);
  });

  it('leaves a run made for no workflow (a person\'s own) to the runner\'s default', async () => {
    const recording = new RecordingTestRunner();
    const network = new WorkflowNetwork([{ type: 'network', workflowId: 'wf-1', allowed: true, by: 'start', seq: 1, at: 0 }]);
    const runner = network.runner(recording);
    await runner.run({}, { label: 'mine' });
    await runner.run({}, { origin: { workflowId: 'wf-1', agent: 'testbot' } });
    await runner.run({}, { origin: { workflowId: 'wf-2', agent: 'testbot' }, allowNetwork: true });
    network.observe({ type: 'network', workflowId: 'wf-1', allowed: false, by: 'person', seq: 2, at: 1 });
    await runner.run({}, { origin: { workflowId: 'wf-1', agent: 'testbot' } });
    assert.deepEqual(recording.runs.map((run) => run.allowNetwork), [undefined, true, false, false]);
  });
});
