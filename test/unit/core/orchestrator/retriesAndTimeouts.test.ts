import * as assert from 'node:assert/strict';
import { type StepContext, TaskTimeoutError, TerminalStepError } from '../../../../src/core/orchestrator/stepHandler';
import type { RetryEvent } from '../../../../src/shared/events';
import { blockingHandler, handler, handlersOf, useEngines } from './engineTestKit';

/** A handler that fails `failures` times, then succeeds; it records when each attempt started. */
function flaky(failures: number) {
  const attempts: { at: number; retryCount: number }[] = [];
  const run = handler(async (_input, context) => {
    attempts.push({ at: Date.now(), retryCount: context.retryCount });
    if (attempts.length <= failures) throw new Error(`boom ${attempts.length}`);
    return { output: { attempts: attempts.length } };
  });
  return { attempts, run };
}

describe('embedded engine: retries and response timeouts', () => {
  const engines = useEngines('engine-retry');

  it('retries a failing step with exponential backoff, capped, until it succeeds', async () => {
    const step = flaky(3);
    const underTest = await engines.open(handlersOf({ flaky: step.run }));
    const retry = { retryCount: 3, retryDelayMs: 20, backoff: 'exponential', maxDelayMs: 50 };
    const id = await underTest.engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'flaky', retry }] });
    const done = await underTest.engine.settled(id);

    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.tasks.map((task) => [task.status, task.retryCount, task.reason]), [
      ['FAILED', 0, 'boom 1'],
      ['FAILED', 1, 'boom 2'],
      ['FAILED', 2, 'boom 3'],
      ['COMPLETED', 3, undefined],
    ]);
    const retries = underTest.events.filter((event): event is RetryEvent => event.type === 'retry');
    assert.deepEqual(retries.map((event) => [event.what, event.attempt, event.delayMs, event.reason]), [
      ['task', 1, 20, 'boom 1'],
      ['task', 2, 40, 'boom 2'],
      ['task', 3, 50, 'boom 3'],
    ]);
    // The real waits happened (timers may fire a little early or late, never much early).
    const gaps = step.attempts.slice(1).map((attempt, i) => attempt.at - (step.attempts[i]?.at ?? 0));
    [20, 40, 50].forEach((delay, i) => assert.ok((gaps[i] ?? 0) >= delay - 2, `gap ${i + 1} was ${gaps[i]} ms, expected about ${delay}`));
    assert.deepEqual(step.attempts.map((attempt) => attempt.retryCount), [0, 1, 2, 3]);
  });

  it('fails the workflow at once on a terminal error, keeping its output on the task', async () => {
    let attempts = 0;
    const vetoed = handler(async () => {
      attempts++;
      throw new TerminalStepError('the CSO vetoed the change', { outcome: 'vetoed' });
    });
    const { engine } = await engines.open(handlersOf({ vetoed, never: handler(async () => assert.fail('must not run')) }));
    const id = await engine.start({
      name: 'w',
      version: 1,
      steps: [
        { name: 'review', handler: 'vetoed', retry: { retryCount: 3 } },
        { name: 'after', handler: 'never' },
      ],
    });
    const done = await engine.settled(id);
    assert.equal(attempts, 1, 'a terminal failure is not retried');
    assert.equal(done.status, 'FAILED');
    assert.equal(done.reason, 'the CSO vetoed the change');
    assert.deepEqual(done.tasks.map((task) => [task.status, task.output]), [['FAILED', { outcome: 'vetoed' }]]);
  });

  it('fails the workflow with the reason once retries are exhausted', async () => {
    const step = flaky(10);
    const { engine } = await engines.open(handlersOf({ flaky: step.run, never: handler(async () => assert.fail('must not run')) }));
    const id = await engine.start({
      name: 'w',
      version: 1,
      steps: [
        { name: 'first', handler: 'flaky', retry: { retryCount: 2, retryDelayMs: 1 } },
        { name: 'second', handler: 'never' },
      ],
    });
    const done = await engine.settled(id);
    assert.equal(done.status, 'FAILED');
    assert.equal(done.reason, 'boom 3 (failed 3 times).');
    assert.equal(step.attempts.length, 3);
    assert.equal(done.tasks.length, 3);
    assert.equal(engine.list()[0]?.status, 'FAILED');
  });

  it('aborts a handler that exceeds its response timeout, marks it TIMED_OUT, then retries', async () => {
    let firstSignal: AbortSignal | undefined;
    const slowThenFast = handler((_input, context: StepContext) => {
      if (context.retryCount > 0) return Promise.resolve({ output: { ok: true } });
      firstSignal = context.signal;
      return blockingHandler().run({}, context);
    });
    const { engine } = await engines.open(handlersOf({ slow: slowThenFast }));
    const started = Date.now();
    const id = await engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'slow', responseTimeoutMs: 40, retry: { retryCount: 1 } }] });
    const done = await engine.settled(id);

    assert.equal(done.status, 'COMPLETED');
    assert.deepEqual(done.tasks.map((task) => [task.status, task.retryCount]), [
      ['TIMED_OUT', 0],
      ['COMPLETED', 1],
    ]);
    assert.equal(done.tasks[0]?.reason, 'no response within 40 ms');
    assert.ok(firstSignal?.aborted, 'the slow handler was told to stop');
    assert.ok(firstSignal?.reason instanceof TaskTimeoutError);
    assert.ok(Date.now() - started >= 38);
  });

  it('ends the workflow TIMED_OUT when the last attempt times out, even if the handler ignores its signal', async () => {
    const { engine } = await engines.open(handlersOf({ deaf: handler(() => new Promise(() => undefined)) }));
    const id = await engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'deaf', responseTimeoutMs: 20, retry: { retryCount: 1, retryDelayMs: 5 } }] });
    const done = await engine.settled(id);
    assert.equal(done.status, 'TIMED_OUT');
    assert.equal(done.reason, 'no response within 20 ms (took too long 2 times).');
  });

  it('does not time out a handler that answers in time', async () => {
    const { engine } = await engines.open(handlersOf({ quick: handler(async () => ({ output: { fine: true } })) }));
    const id = await engine.start({ name: 'w', version: 1, steps: [{ name: 'only', handler: 'quick', responseTimeoutMs: 1000 }] });
    const started = Date.now();
    assert.equal((await engine.settled(id)).status, 'COMPLETED');
    assert.ok(Date.now() - started < 500, 'the pending timeout does not hold the workflow');
  });
});
