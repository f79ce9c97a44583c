import * as assert from 'node:assert/strict';
import { EngineDashboardSource, type EngineDashboardSourceOptions } from '../../../../src/host/dashboard/engineDashboardSource';
import type { DashboardUpdate } from '../../../../src/shared/dashboardState';
import type { EngineEvent } from '../../../../src/shared/events';
import { handler, handlersOf, nextEvent, useEngines } from '../../core/orchestrator/engineTestKit';
import { RecordingLogger } from '../../infra/store/storeTestKit';

// A real engine over a real store in a temp folder; the step handlers are test doubles of agents
// that report what agents report.
const FEATURE = {
  name: 'feature',
  version: 1,
  steps: [
    { name: 'red', handler: 'tests' },
    { name: 'green', handler: 'code' },
  ],
};

/** Holds the green step until the test opens the gate. */
function gatedHandlers() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const handlers = handlersOf({
    tests: handler(async (_input, context) => {
      context.emit({ type: 'agent', agent: 'testbot', state: 'started', message: 'write failing tests' });
      context.emit({ type: 'test-run', label: 'red', state: 'finished', outcome: 'completed', summary: { passed: 0, failed: 2, skipped: 0, total: 2 } });
    }),
    code: handler(async (_input, context) => {
      context.emit({ type: 'tool', agent: 'codebot', tool: 'edit_file', path: 'src/a.js', outcome: 'ok', durationMs: 4 });
      await gate;
    }),
  });
  return { handlers, open: () => open() };
}

describe('the dashboard source over the embedded engine', () => {
  const engines = useEngines('dashboard-source');
  const sources: EngineDashboardSource[] = [];
  afterEach(() => sources.splice(0).forEach((source) => source.dispose()));

  async function openSource(engine: EngineDashboardSourceOptions['engine'], startWorkflow?: EngineDashboardSourceOptions['startWorkflow'], pastEvents?: () => Promise<EngineEvent[]>) {
    return openWith({ engine, ...(startWorkflow && { startWorkflow }), ...(pastEvents && { pastEvents }) });
  }

  async function openWith(options: Omit<EngineDashboardSourceOptions, 'logger'> & { logger?: RecordingLogger }) {
    const source = await EngineDashboardSource.open({ logger: new RecordingLogger(), ...options });
    sources.push(source);
    return source;
  }

  it('starts from the workflows the store holds, described by name and steps', async () => {
    const { handlers, open } = gatedHandlers();
    open();
    const { engine } = await engines.open(handlers);
    const id = await engine.start(FEATURE);
    await engine.settled(id);
    const source = await openSource(engine);
    const [workflow] = source.snapshot().state.workflows;
    assert.deepEqual([workflow.id, workflow.name, workflow.steps, workflow.status], [id, 'feature', ['red', 'green'], 'COMPLETED']);
    assert.deepEqual(workflow.phases, [], 'no module named it: steps only');
    const phases = [{ id: 'tests', title: 'Tests', steps: ['red', 'green'] }];
    const described = await openWith({ engine, phasesOf: (name) => (name === 'feature' ? phases : []) });
    assert.deepEqual(described.snapshot().state.workflows[0]?.phases, phases, 'the phases of the module its definition names');
  });

  it('after a restart, replays the events log, so past workflows come back with their activity, agents and tests', async () => {
    const { handlers, open } = gatedHandlers();
    open();
    const first = await engines.open(handlers);
    const id = await first.engine.start(FEATURE);
    await first.engine.settled(id);
    const again = await engines.reopen(first, gatedHandlers().handlers);
    const source = await openSource(again.engine, undefined, () => again.store.log<EngineEvent>('events').readAll());
    const { state } = source.snapshot();
    const [workflow] = state.workflows;
    assert.deepEqual([workflow.name, workflow.status, workflow.testRuns.length], ['feature', 'COMPLETED', 1]);
    assert.deepEqual(
      state.timeline.filter((entry) => entry.kind === 'tool').map((entry) => entry.path),
      ['src/a.js'],
    );
    assert.equal(state.lastSeq, first.events.at(-1)?.seq);
    assert.deepEqual(
      state.agents.map((agent) => agent.role),
      ['testbot', 'codebot'],
    );
  });

  it('follows the engine live: each event, then the description of a workflow it had not met, to every subscriber', async () => {
    const { handlers, open } = gatedHandlers();
    const underTest = await engines.open(handlers);
    const source = await openSource(underTest.engine);
    const seen: DashboardUpdate[] = [];
    source.subscribe((update) => seen.push(update));
    const toolCalled = nextEvent(underTest, (event) => event.type === 'tool');
    const id = await underTest.engine.start(FEATURE, { request: '  Search the shelf by author  ' });
    await toolCalled;
    const { state } = source.snapshot();
    const [workflow] = state.workflows;
    assert.deepEqual([workflow.name, workflow.request, workflow.step, workflow.testRuns[0]?.summary?.failed], ['feature', 'Search the shelf by author', 'green', 2]);
    assert.deepEqual(state.timeline.at(-1)?.path, 'src/a.js');
    assert.equal(seen.filter((update) => update.type === 'workflow-description').length, 1);
    assert.equal(seen.filter((update) => update.type !== 'workflow-description').length, underTest.events.length);
    open();
    await underTest.engine.settled(id);
    assert.equal(source.snapshot().state.workflows[0].status, 'COMPLETED');
  });

  it('answers a pause once the engine accepted it, while the running step is still finishing', async () => {
    const { handlers, open } = gatedHandlers();
    const underTest = await engines.open(handlers);
    const source = await openSource(underTest.engine);
    const toolCalled = nextEvent(underTest, (event) => event.type === 'tool');
    const id = await underTest.engine.start(FEATURE);
    await toolCalled;
    const started = Date.now();
    await source.pause(id);
    assert.ok(Date.now() - started < 1_500, 'answered within the acceptance window');
    assert.equal(source.snapshot().state.workflows[0].status, 'RUNNING', 'the step has not finished yet');
    const paused = nextEvent(underTest, (event) => event.type === 'workflow' && event.status === 'PAUSED');
    open();
    await paused;
    assert.equal(source.snapshot().state.workflows[0].status, 'PAUSED');
    await source.resume(id);
    await underTest.engine.settled(id);
    assert.equal(source.snapshot().state.workflows[0].status, 'COMPLETED');
  });

  it("passes the engine's refusal on, with its message", async () => {
    const { handlers, open } = gatedHandlers();
    open();
    const { engine } = await engines.open(handlers);
    const id = await engine.start(FEATURE);
    await engine.settled(id);
    const source = await openSource(engine);
    await assert.rejects(source.pause(id), /is COMPLETED; only a running workflow can be paused/);
    await assert.rejects(source.cancel('wf-404'), /There is no workflow wf-404/);
  });

  it('starts a workflow from a request only when it was given the workflow to run, and says why not otherwise', async () => {
    const { handlers, open } = gatedHandlers();
    open();
    const { engine } = await engines.open(handlers);
    const without = await openSource(engine);
    const { capabilities } = without.snapshot();
    assert.deepEqual(capabilities.start, { available: false, reason: 'Workflows cannot be started from this window.' });
    for (const other of [capabilities.approvals, capabilities.undo, capabilities.files, capabilities.diff, capabilities.memories]) assert.equal(other.available, false);
    await assert.rejects(without.start('Add search'), /Workflows cannot be started from this window\./);
    await assert.rejects(without.decide('approval-1', { approved: true }), /not held for review/);
    await assert.rejects(without.undo('wf-1'), /Undoing a workflow is not available/);

    const asked: (string | undefined)[] = [];
    const withWorkflow = await openSource(engine, (request, workflow) => {
      asked.push(workflow);
      return engine.start(FEATURE, { request });
    });
    assert.equal(withWorkflow.snapshot().capabilities.start.available, true);
    const id = await withWorkflow.start('Add search');
    const state = await engine.settled(id);
    assert.deepEqual(state.input, { request: 'Add search' });
    await engine.settled(await withWorkflow.start('Fix search', 'fix'));
    assert.deepEqual(asked, [undefined, 'fix'], 'the module the form names goes to the host');
  });
});
