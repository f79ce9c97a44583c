import * as assert from 'node:assert/strict';
import { type StepContext, TaskInterruptedError } from '../../../../src/core/orchestrator/stepHandler';
import { OrchestratorError } from '../../../../src/core/orchestrator/embeddedEngine';
import { blockingHandler, handler, handlersOf, nextEvent, useEngines } from './engineTestKit';

/** A handler that waits until released, counting its runs; `started` resolves when it first runs. */
function gate() {
  const runs: StepContext[] = [];
  let release: () => void = () => undefined;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const run = handler(async (_input, context) => {
    runs.push(context);
    const released = new Promise<void>((resolve) => (release = resolve));
    markStarted();
    await released;
    return { output: { run: runs.length } };
  });
  return { runs, run, started, release: () => release() };
}

/** A handler that blocks on its first run and succeeds after; `started` resolves when it first runs. */
function blocksOnce() {
  let runs = 0;
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const run = handler((input, context) => (++runs === 1 ? blockingHandler(() => markStarted()).run(input, context) : Promise.resolve({ output: {} })));
  return { run, started, runs: () => runs };
}

const twoSteps = { name: 'w', version: 1, steps: [{ name: 'first', handler: 'first' }, { name: 'second', handler: 'second' }] };

describe('embedded engine: pause, resume and cancel', () => {
  const engines = useEngines('engine-control');

  it('pause lets the running step finish and starts no new step; resume goes on from there', async () => {
    const first = gate();
    const secondRuns: number[] = [];
    const underTest = await engines.open(handlersOf({ first: first.run, second: handler(async () => void secondRuns.push(1)) }));
    const id = await underTest.engine.start(twoSteps);
    await first.started;

    const pausing = underTest.engine.pause(id);
    first.release();
    await pausing;
    const paused = await underTest.engine.get(id);
    assert.equal(paused?.status, 'PAUSED');
    assert.deepEqual(paused?.tasks.map((task) => [task.step, task.status]), [['first', 'COMPLETED']]);
    assert.equal(underTest.engine.list()[0]?.step, 'second');
    assert.deepEqual(secondRuns, []);

    await underTest.engine.resume(id);
    const done = await underTest.engine.settled(id);
    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(secondRuns, [1]);
    assert.equal(first.runs.length, 1);
    const statuses = underTest.events.filter((event) => event.type === 'workflow').map((event) => ('status' in event ? event.status : ''));
    assert.deepEqual(statuses, ['RUNNING', 'PAUSED', 'RUNNING', 'COMPLETED']);
  });

  it('pause with interrupt aborts the running step, which runs again as the same attempt on resume', async () => {
    const first = blocksOnce();
    const underTest = await engines.open(handlersOf({ first: first.run, second: handler(async () => ({})) }));
    const id = await underTest.engine.start(twoSteps);
    await first.started;
    await underTest.engine.pause(id, { interrupt: true });

    const paused = await underTest.engine.get(id);
    assert.equal(paused?.status, 'PAUSED');
    assert.deepEqual(paused?.tasks.map((task) => [task.step, task.status, task.retryCount]), [
      ['first', 'CANCELED', 0],
      ['first', 'SCHEDULED', 0],
    ]);
    await underTest.engine.resume(id);
    assert.equal((await underTest.engine.settled(id)).status, 'COMPLETED');
    assert.equal(first.runs(), 2);
  });

  it('pause cuts a retry wait short, and the rest of the wait is kept after resume', async () => {
    const attemptsAt: number[] = [];
    const underTest = await engines.open(
      handlersOf({
        first: handler(async () => {
          attemptsAt.push(Date.now());
          if (attemptsAt.length === 1) throw new Error('flaky');
          return {};
        }),
        second: handler(async () => ({})),
      }),
    );
    const id = await underTest.engine.start({ ...twoSteps, steps: [{ name: 'first', handler: 'first', retry: { retryCount: 1, retryDelayMs: 300 } }, twoSteps.steps[1]] });
    const retry = await nextEvent(underTest, (event) => event.type === 'retry');
    await underTest.engine.pause(id);
    assert.ok(Date.now() - retry.at < 250, 'pause did not wait out the retry delay');
    const paused = await underTest.engine.get(id);
    assert.equal(paused?.status, 'PAUSED');
    assert.equal(paused?.tasks.at(-1)?.status, 'SCHEDULED');
    await underTest.engine.pause(id);

    await underTest.engine.resume(id);
    assert.equal((await underTest.engine.settled(id)).status, 'COMPLETED');
    assert.equal(attemptsAt.length, 2);
    assert.ok((attemptsAt[1] ?? 0) - retry.at >= 295, 'the retry still waited its delay');
  });

  it('cancel ends a retry wait at once', async () => {
    const underTest = await engines.open(handlersOf({ first: handler(async () => assert.fail('flaky')), second: handler(async () => ({})) }));
    const id = await underTest.engine.start({ ...twoSteps, steps: [{ name: 'first', handler: 'first', retry: { retryCount: 1, retryDelayMs: 60_000 } }, twoSteps.steps[1]] });
    await nextEvent(underTest, (event) => event.type === 'retry');
    await underTest.engine.cancel(id);
    const canceled = await underTest.engine.get(id);
    assert.deepEqual(canceled?.tasks.map((task) => [task.status, task.retryCount]), [
      ['FAILED', 0],
      ['CANCELED', 1],
    ]);
    assert.equal(canceled?.status, 'CANCELED');
  });

  it('cancel aborts the running handler through its signal and marks task and workflow CANCELED', async () => {
    let signal: AbortSignal | undefined;
    let markStarted: () => void = () => undefined;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const blocking = blockingHandler((context) => {
      signal = context.signal;
      markStarted();
    });
    const underTest = await engines.open(handlersOf({ first: blocking, second: handler(async () => assert.fail('must not run')) }));
    const id = await underTest.engine.start(twoSteps);
    await started;

    await underTest.engine.cancel(id, 'the user changed their mind');

    assert.ok(signal?.aborted);
    assert.ok(signal?.reason instanceof TaskInterruptedError);
    assert.equal((signal?.reason as TaskInterruptedError).by, 'cancel');
    const canceled = await underTest.engine.get(id);
    assert.equal(canceled?.status, 'CANCELED');
    assert.equal(canceled?.reason, 'the user changed their mind');
    assert.deepEqual(canceled?.tasks.map((task) => [task.step, task.status]), [['first', 'CANCELED']]);
    assert.equal(underTest.events.at(-1)?.type, 'workflow');
  });

  it('cancels a paused workflow, closing its scheduled task', async () => {
    const first = blocksOnce();
    const underTest = await engines.open(handlersOf({ first: first.run, second: handler(async () => ({})) }));
    const id = await underTest.engine.start(twoSteps);
    await first.started;
    await underTest.engine.pause(id, { interrupt: true });
    await underTest.engine.cancel(id);
    const canceled = await underTest.engine.get(id);
    assert.equal(canceled?.status, 'CANCELED');
    assert.deepEqual(canceled?.tasks.map((task) => task.status), ['CANCELED', 'CANCELED']);
    await underTest.engine.cancel(id);
  });

  it('refuses what a workflow in its state cannot do, saying why', async () => {
    const { engine } = await engines.open(handlersOf({ first: handler(async () => ({})), second: handler(async () => ({})) }));
    const id = await engine.start(twoSteps);
    await engine.settled(id);
    await assert.rejects(engine.pause(id), (error: unknown) => error instanceof OrchestratorError && /is COMPLETED; only a running workflow can be paused/.test(error.message));
    await assert.rejects(engine.resume(id), /is COMPLETED; only a paused workflow can be resumed/);
    await assert.rejects(engine.cancel(id), /is COMPLETED; it can no longer be canceled/);
  });
});
