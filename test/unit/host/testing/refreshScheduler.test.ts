import * as assert from 'node:assert/strict';
import { RefreshScheduler, type Timers } from '../../../../src/host/testing/refreshScheduler';

/** Timers that fire only when the test says time has passed. */
class ManualTimers implements Timers {
  private now = 0;
  private pending = new Map<number, { at: number; callback: () => void }>();
  private nextId = 1;

  set(callback: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.set(id, { at: this.now + ms, callback });
    return id;
  }

  clear(handle: unknown): void {
    this.pending.delete(handle as number);
  }

  advance(ms: number): void {
    this.now += ms;
    for (const [id, timer] of [...this.pending]) {
      if (timer.at > this.now) continue;
      this.pending.delete(id);
      timer.callback();
    }
  }
}

/** A refresh the test finishes by hand. */
class Refreshes {
  started = 0;
  private finishers: (() => void)[] = [];
  readonly refresh = (): Promise<void> => {
    this.started++;
    return new Promise((resolve) => this.finishers.push(resolve));
  };

  async finishOne(): Promise<void> {
    this.finishers.shift()?.();
    // Lets the scheduler's continuation run.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const unexpected = (error: unknown): void => assert.fail(`the refresh failed: ${String(error)}`);

describe('refresh scheduler', () => {
  it('refreshes once after changes stop for the quiet period', () => {
    const timers = new ManualTimers();
    const refreshes = new Refreshes();
    const scheduler = new RefreshScheduler(refreshes.refresh, 500, unexpected, timers);
    scheduler.schedule();
    timers.advance(400);
    scheduler.schedule();
    timers.advance(400);
    scheduler.schedule();
    timers.advance(499);
    assert.equal(refreshes.started, 0);
    timers.advance(1);
    assert.equal(refreshes.started, 1);
  });

  it('serves changes made during a refresh with one more refresh after it, never two at once', async () => {
    const timers = new ManualTimers();
    const refreshes = new Refreshes();
    const scheduler = new RefreshScheduler(refreshes.refresh, 100, unexpected, timers);
    scheduler.schedule();
    timers.advance(100);
    scheduler.schedule();
    timers.advance(100);
    scheduler.schedule();
    timers.advance(100);
    assert.equal(refreshes.started, 1);
    await refreshes.finishOne();
    assert.equal(refreshes.started, 2);
    await refreshes.finishOne();
    assert.equal(refreshes.started, 2);
  });

  it('reports a failed refresh and keeps serving later changes', async () => {
    const timers = new ManualTimers();
    const errors: unknown[] = [];
    let calls = 0;
    const scheduler = new RefreshScheduler(
      () => (++calls === 1 ? Promise.reject(new Error('listing failed')) : Promise.resolve()),
      10,
      (error) => errors.push(error),
      timers,
    );
    scheduler.schedule();
    timers.advance(10);
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(errors.map((error) => (error as Error).message), ['listing failed']);
    scheduler.schedule();
    timers.advance(10);
    assert.equal(calls, 2);
  });

  it('refreshes nothing once disposed', () => {
    const timers = new ManualTimers();
    const refreshes = new Refreshes();
    const scheduler = new RefreshScheduler(refreshes.refresh, 10, unexpected, timers);
    scheduler.schedule();
    scheduler.dispose();
    scheduler.schedule();
    timers.advance(100);
    assert.equal(refreshes.started, 0);
  });
});
