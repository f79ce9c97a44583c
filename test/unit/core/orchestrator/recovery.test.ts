import * as assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { blockingHandler, handler, handlersOf, nextEvent, useEngines } from './engineTestKit';

const threeSteps = {
  name: 'w',
  version: 1,
  steps: [
    { name: 'one', handler: 'one' },
    { name: 'two', handler: 'two', retry: { retryCount: 1 } },
    { name: 'three', handler: 'three' },
  ],
};

describe('embedded engine: recovery after a restart', () => {
  const engines = useEngines('engine-recover');

  /** Handlers counting their runs; `two` blocks (until aborted) while `blockTwo` says so. */
  function countingHandlers(blockTwo: boolean) {
    const runs = { one: 0, two: 0, three: 0 };
    let markStarted: () => void = () => undefined;
    const twoStarted = new Promise<void>((resolve) => (markStarted = resolve));
    const handlers = handlersOf({
      one: handler(async () => void runs.one++),
      two: handler((input, context) => {
        runs.two++;
        return blockTwo ? blockingHandler(() => markStarted()).run(input, context) : Promise.resolve({ output: { retryCount: context.retryCount } });
      }),
      three: handler(async () => void runs.three++),
    });
    return { handlers, runs, twoStarted };
  }

  it('after an orderly close, resumes the workflow at the interrupted step without counting an attempt', async () => {
    const before = countingHandlers(true);
    const first = await engines.open(before.handlers);
    const id = await first.engine.start(threeSteps);
    await before.twoStarted;

    const after = countingHandlers(false);
    const second = await engines.reopen(first, after.handlers);
    assert.equal((await second.engine.get(id))?.status, 'RUNNING');
    assert.deepEqual(await second.engine.recover(), [id]);
    const done = await second.engine.settled(id);

    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(after.runs, { one: 0, two: 1, three: 1 }, 'step one is not run again');
    assert.deepEqual(done.tasks.map((task) => [task.step, task.status, task.retryCount]), [
      ['one', 'COMPLETED', 0],
      ['two', 'CANCELED', 0],
      ['two', 'COMPLETED', 0],
      ['three', 'COMPLETED', 0],
    ]);
    assert.match(done.tasks[1]?.reason ?? '', /engine shut down/);
    const resumed = second.events.find((event) => event.type === 'workflow');
    assert.deepEqual(resumed && 'reason' in resumed ? [resumed.status, resumed.reason] : [], ['RUNNING', 'resumed after a restart']);
  });

  it('leaves paused and finished workflows alone, and resumes nothing twice', async () => {
    const before = countingHandlers(true);
    const first = await engines.open(before.handlers);
    const finished = await first.engine.start({ name: 'done', version: 1, steps: [{ name: 'one', handler: 'one' }] });
    await first.engine.settled(finished);
    const paused = await first.engine.start(threeSteps);
    await before.twoStarted;
    await first.engine.pause(paused, { interrupt: true });

    const second = await engines.reopen(first, countingHandlers(false).handlers);
    assert.deepEqual(await second.engine.recover(), []);
    assert.deepEqual(second.engine.list().map((summary) => summary.status), ['COMPLETED', 'PAUSED']);
    await second.engine.resume(paused);
    assert.deepEqual(await second.engine.recover(), [], 'a workflow running here is not resumed again');
    assert.equal((await second.engine.settled(paused)).status, 'COMPLETED');
  });

  it('marks a workflow whose state file is gone as FAILED, saying so, and resumes the others', async () => {
    const first = await engines.open(countingHandlers(true).handlers);
    const lost = await first.engine.start(threeSteps);
    const kept = await first.engine.start(threeSteps);
    while (first.engine.list().some((summary) => summary.step !== 'two')) await sleep(5);
    await engines.close(first);
    await rm(join(engines.folder, `workflow-${lost}.json`));
    await rm(join(engines.folder, `workflow-${lost}.json.bak`));

    const second = await engines.open(countingHandlers(false).handlers);
    assert.deepEqual(await second.engine.recover(), [kept]);
    const summary = second.engine.list().find((candidate) => candidate.id === lost);
    assert.equal(summary?.status, 'FAILED');
    assert.match(summary?.reason ?? '', new RegExp(`its state could not be read: The state of workflow ${lost} is missing`));
    assert.match(second.logger.lines.join('\n'), new RegExp(`error orchestrator: workflow ${lost} cannot be resumed`));
    assert.equal((await second.engine.settled(kept)).status, 'COMPLETED');
  });

  it('pauses a workflow that is not yet recovered where it stands; resume then runs it', async () => {
    const before = countingHandlers(true);
    const first = await engines.open(before.handlers);
    const id = await first.engine.start(threeSteps);
    await before.twoStarted;
    const after = countingHandlers(false);
    const second = await engines.reopen(first, after.handlers);

    await second.engine.pause(id);
    assert.equal((await second.engine.get(id))?.status, 'PAUSED');
    assert.deepEqual(await second.engine.recover(), [], 'a paused workflow is not resumed by recover()');
    await second.engine.resume(id);
    assert.equal((await second.engine.settled(id)).status, 'COMPLETED');
    assert.deepEqual(after.runs, { one: 0, two: 1, three: 1 });
  });

  it('keeps the workflow of a closed engine RUNNING on disk until it is recovered', async () => {
    const before = countingHandlers(true);
    const underTest = await engines.open(before.handlers);
    const id = await underTest.engine.start(threeSteps);
    await before.twoStarted;
    const closed = nextEvent(underTest, (event) => event.type === 'task' && event.status === 'CANCELED');
    await underTest.engine.close();
    await closed;
    assert.equal((await underTest.engine.get(id))?.status, 'RUNNING');
    await assert.rejects(underTest.engine.start(threeSteps), /engine is closed/);
  });
});
