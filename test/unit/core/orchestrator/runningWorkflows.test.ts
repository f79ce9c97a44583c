import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestratorError } from '../../../../src/core/orchestrator/embeddedEngine';
import { WorkflowDefinitionError } from '../../../../src/core/orchestrator/workflowDefinition';
import type { EngineEvent } from '../../../../src/shared/events';
import { handler, handlersOf, useEngines } from './engineTestKit';

const tdd = {
  name: 'tdd',
  version: 1,
  steps: [
    { name: 'plan', handler: 'planner', inputs: { request: '${workflow.input.request}' } },
    { name: 'red', handler: 'tester', inputs: { criteria: '${plan.output.criteria}', request: '${workflow.input.request}' } },
    { name: 'green', handler: 'coder', inputs: { tests: '${red.output.tests}' } },
  ],
};

const tddHandlers = () =>
  handlersOf({
    planner: handler(async (input) => ({ output: { criteria: [`it does ${String(input.request)}`] } })),
    tester: handler(async (input) => ({ output: { tests: (input.criteria as string[]).map((criterion) => `test: ${criterion}`) } })),
    coder: handler(async (input) => ({ output: { changed: (input.tests as string[]).length } })),
  });

describe('embedded engine: running workflows', () => {
  const engines = useEngines('engine-run');

  it('runs the steps in order, mapping inputs from the workflow input and earlier outputs', async () => {
    const { engine } = await engines.open(tddHandlers());
    const id = await engine.start(tdd, { request: 'login' });
    const done = await engine.settled(id);

    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.outputs, { plan: { criteria: ['it does login'] }, red: { tests: ['test: it does login'] }, green: { changed: 1 } });
    assert.deepEqual(done.tasks.map((task) => [task.step, task.status, task.retryCount]), [
      ['plan', 'COMPLETED', 0],
      ['red', 'COMPLETED', 0],
      ['green', 'COMPLETED', 0],
    ]);
    assert.deepEqual(done.tasks[1]?.input, { criteria: ['it does login'], request: 'login' });
    for (const task of done.tasks) assert.ok(task.startedAt !== undefined && task.endedAt !== undefined && task.endedAt >= task.startedAt);
    assert.ok(done.endedAt !== undefined);
    assert.deepEqual(engine.list().map((summary) => [summary.id, summary.name, summary.status]), [[id, 'tdd', 'COMPLETED']]);
  });

  it('settles a workflow listed while it is still being created with its end, not as RUNNING', async () => {
    const { engine } = await engines.open(tddHandlers());
    const starting = engine.start(tdd, { request: 'login' });
    let listed: string | undefined;
    while (!(listed = engine.list()[0]?.id)) await new Promise((resolve) => setImmediate(resolve));
    const done = await engine.settled(listed);
    assert.equal(done.status, 'COMPLETED');
    assert.equal(await starting, listed);
  });

  it('publishes every transition in order, numbered by seq, and appends each to the events log', async () => {
    const underTest = await engines.open(tddHandlers());
    const id = await underTest.engine.start(tdd, { request: 'login' });
    await underTest.engine.settled(id);

    const brief = underTest.events.map((event) => (event.type === 'task' ? `${event.step}:${event.status}` : `${event.type}:${'status' in event ? event.status : ''}`));
    assert.deepEqual(brief, [
      'workflow:RUNNING',
      'plan:SCHEDULED',
      'plan:IN_PROGRESS',
      'plan:COMPLETED',
      'red:SCHEDULED',
      'red:IN_PROGRESS',
      'red:COMPLETED',
      'green:SCHEDULED',
      'green:IN_PROGRESS',
      'green:COMPLETED',
      'workflow:COMPLETED',
    ]);
    assert.deepEqual(underTest.events.map((event) => event.seq), brief.map((_, i) => i + 1));
    for (let i = 1; i < underTest.events.length; i++) assert.ok((underTest.events[i]?.at ?? 0) >= (underTest.events[i - 1]?.at ?? 0));

    await underTest.store.flush();
    const logged = (await readFile(join(engines.folder, 'events.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as EngineEvent);
    assert.deepEqual(logged, underTest.events);
  });

  it('keeps workflows, and numbers events on from the log, after a reopen', async () => {
    const first = await engines.open(tddHandlers());
    const id = await first.engine.start(tdd, { request: 'login' });
    const before = await first.engine.settled(id);
    const lastSeq = first.events.at(-1)?.seq ?? 0;

    const second = await engines.reopen(first, tddHandlers());
    assert.deepEqual(await second.engine.get(id), before);
    const next = await second.engine.start(tdd, { request: 'logout' });
    assert.notEqual(next, id);
    await second.engine.settled(next);
    assert.equal(second.events[0]?.seq, lastSeq + 1);
  });

  it('lets handlers report their own events, filled in with the workflow and task', async () => {
    const underTest = await engines.open(
      handlersOf({
        agent: handler(async (_input, context) => {
          context.emit({ type: 'agent', agent: 'codebot', state: 'started' });
          return { output: {} };
        }),
      }),
    );
    const id = await underTest.engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'agent' }] });
    const done = await underTest.engine.settled(id);
    const agentEvent = underTest.events.find((event) => event.type === 'agent');
    assert.deepEqual(agentEvent && { ...agentEvent, seq: 0, at: 0 }, { type: 'agent', agent: 'codebot', state: 'started', workflowId: id, taskId: done.tasks[0]?.id, seq: 0, at: 0 });
  });

  it('gives a copy of the state, which the caller cannot use to change the workflow', async () => {
    const { engine } = await engines.open(tddHandlers());
    const id = await engine.start(tdd, { request: 'login' });
    await engine.settled(id);
    const copy = (await engine.get(id)) as { status: string };
    copy.status = 'FAILED';
    assert.equal((await engine.get(id))?.status, 'COMPLETED');
    assert.equal(await engine.get('wf-999'), undefined);
  });

  it('refuses a definition naming handlers that are not registered, saying which', async () => {
    const { engine } = await engines.open(handlersOf({ planner: handler(async () => ({})) }));
    await assert.rejects(engine.start(tdd, {}), (error: unknown) => {
      assert.ok(error instanceof WorkflowDefinitionError);
      assert.match(error.message, /not registered: tester, coder \(registered: planner\)/);
      return true;
    });
    assert.deepEqual(engine.list(), []);
  });

  it('refuses an invalid definition or an input that is not a JSON object', async () => {
    const { engine } = await engines.open(tddHandlers());
    await assert.rejects(engine.start({ name: 'x', version: 1, steps: [] }), WorkflowDefinitionError);
    await assert.rejects(engine.start(tdd, ['not', 'an object']), (error: unknown) => error instanceof OrchestratorError && /must be a JSON object/.test(error.message));
    await assert.rejects(engine.start(tdd, { when: new Date() }), /must be a JSON object/);
  });

  it('fails a step whose handler returns something that is not a JSON result', async () => {
    const { engine } = await engines.open(handlersOf({ odd: handler(async () => ({ output: { fn: () => 1 } }) as never) }));
    const id = await engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'odd' }] });
    const done = await engine.settled(id);
    assert.equal(done.status, 'FAILED');
    assert.match(done.tasks[0]?.reason ?? '', /unusable result/);
  });

  it('keeps going when an event listener throws, and logs it', async () => {
    const underTest = await engines.open(tddHandlers());
    underTest.engine.subscribe(() => {
      throw new Error('broken view');
    });
    const id = await underTest.engine.start(tdd, { request: 'x' });
    assert.equal((await underTest.engine.settled(id)).status, 'COMPLETED');
    assert.match(underTest.logger.lines.join('\n'), /an event listener threw on event 1: Error: broken view/);
  });

  it('answers for workflows it does not know with a clear error', async () => {
    const { engine } = await engines.open(tddHandlers());
    await assert.rejects(engine.pause('wf-404'), /There is no workflow wf-404/);
    await assert.rejects(engine.resume('wf-404'), /There is no workflow wf-404/);
    await assert.rejects(engine.cancel('wf-404'), /There is no workflow wf-404/);
  });
});
