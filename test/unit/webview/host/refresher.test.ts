import * as assert from 'node:assert/strict';
import { Refresher } from '../../../../src/host/dashboard/refresher';

describe('the refresher', () => {
  it('reads once per key at a time, and serves every request made during a read with one more read', async () => {
    const reads: string[] = [];
    const releases: (() => void)[] = [];
    const refresher = new Refresher<string>((key) => {
      reads.push(key);
      return new Promise<void>((resolve) => releases.push(resolve));
    });
    const first = refresher.refresh('wf-1');
    const during = [refresher.refresh('wf-1'), refresher.refresh('wf-1'), refresher.refresh('wf-1')];
    void refresher.refresh('wf-2');
    assert.deepEqual(reads, ['wf-1', 'wf-2'], 'keys read side by side, one read per key');
    releases[0]();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(reads, ['wf-1', 'wf-2', 'wf-1'], 'one more read for the three requests');
    releases[2]();
    await Promise.all(during);
  });

  it('reads again after a read that failed', async () => {
    let calls = 0;
    const refresher = new Refresher<'all'>(async () => {
      calls++;
      if (calls === 1) throw new Error('locked');
    });
    const failed = refresher.refresh('all');
    const again = refresher.refresh('all');
    await assert.rejects(failed, /locked/);
    await again;
    assert.equal(calls, 2);
  });
});
