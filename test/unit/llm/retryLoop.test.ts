import * as assert from 'node:assert/strict';
import { ModelError } from '../../../src/core/ports';
import type { AttemptFailure } from '../../../src/llm/modelErrors';
import { retryAfterMs } from '../../../src/llm/retryAfter';
import { backoffDelayMs, validateRetryPolicy, withRetries, type RetryNotice } from '../../../src/llm/retryLoop';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const headers = (entries: Record<string, string>) => new Headers(entries);

describe('Retry-After', () => {
  it('reads delay-seconds, whole or fractional', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': '3' }), NOW), 3000);
    assert.equal(retryAfterMs(headers({ 'retry-after': '0.25' }), NOW), 250);
    assert.equal(retryAfterMs(headers({ 'retry-after': '0' }), NOW), 0);
  });

  it('reads an HTTP date, and a date already past as now', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Thu, 01 Jan 2026 12:00:05 GMT' }), NOW), 5000);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }), NOW), 0);
  });

  it('prefers retry-after-ms, which is finer', () => {
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': '120', 'retry-after': '1' }), NOW), 120);
  });

  it('ignores what it cannot read', () => {
    assert.equal(retryAfterMs(undefined, NOW), undefined);
    assert.equal(retryAfterMs(headers({}), NOW), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': 'soon' }), NOW), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after': '-5' }), NOW), undefined);
    assert.equal(retryAfterMs(headers({ 'retry-after-ms': 'NaN', 'retry-after': '2' }), NOW), 2000);
  });
});

describe('retry loop', () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1_000 };
  const failure = (retryable: boolean, retryAfter?: number): AttemptFailure => ({
    error: new ModelError('server', 'It failed.', 503),
    retryable,
    reason: 'HTTP 503',
    ...(retryAfter === undefined ? {} : { retryAfterMs: retryAfter }),
  });

  function run(failures: AttemptFailure[], random = () => 0.5) {
    const notices: RetryNotice[] = [];
    const waits: number[] = [];
    let attempts = 0;
    const result = withRetries(
      async () => {
        const next = failures[attempts++];
        if (next) throw next;
        return 'done';
      },
      {
        policy,
        classify: (error) => error as AttemptFailure,
        onRetry: (notice) => notices.push(notice),
        sleep: async (ms) => {
          waits.push(ms);
        },
        random,
      },
    );
    return { result, notices, waits, attempts: () => attempts };
  }

  it('retries what may pass, waiting what the server asked or backing off, and reports each retry before waiting', async () => {
    const { result, notices, waits, attempts } = run([failure(true, 250), failure(true), failure(true)]);
    assert.equal(await result, 'done');
    assert.equal(attempts(), 4);
    assert.deepEqual(waits, [250, 150, 300]);
    assert.deepEqual(notices, [
      { attempt: 1, delayMs: 250, reason: 'HTTP 503' },
      { attempt: 2, delayMs: 150, reason: 'HTTP 503' },
      { attempt: 3, delayMs: 300, reason: 'HTTP 503' },
    ]);
  });

  it('stops at the first failure that cannot pass, with its error unchanged', async () => {
    const { result, attempts, notices } = run([failure(false)]);
    await assert.rejects(result, { code: 'server', message: 'It failed.' });
    assert.equal(attempts(), 1);
    assert.deepEqual(notices, []);
  });

  it('gives up after the maximum retries, and says so', async () => {
    const { result, attempts } = run([failure(true), failure(true), failure(true), failure(true), failure(true)]);
    await assert.rejects(result, { code: 'server', message: 'It failed. Gave up after 3 retries.', status: 503 });
    assert.equal(attempts(), 4);
  });

  it('ends the call when asked to wait longer than allowed', async () => {
    const { result, waits } = run([failure(true, 60_000)]);
    await assert.rejects(result, { message: 'It failed. It asked to wait 60 s before retrying, longer than the 1 s allowed.' });
    assert.deepEqual(waits, []);
  });

  it('turns an abort while waiting into a canceled error', async () => {
    await assert.rejects(
      withRetries(
        async () => {
          throw failure(true);
        },
        {
          policy,
          classify: (error) => error as AttemptFailure,
          onRetry: () => undefined,
          sleep: async () => {
            throw new DOMException('aborted', 'AbortError');
          },
        },
      ),
      { code: 'canceled' },
    );
  });

  it('backs off exponentially with equal jitter, capped', () => {
    assert.equal(backoffDelayMs(1, policy, () => 0), 50);
    assert.equal(backoffDelayMs(1, policy, () => 0.999999), 100);
    assert.equal(backoffDelayMs(3, policy, () => 0), 200);
    assert.equal(backoffDelayMs(3, policy, () => 0.999999), 400);
    assert.equal(backoffDelayMs(10, policy, () => 0), 500);
    assert.equal(backoffDelayMs(10, policy, () => 0.999999), 1_000);
  });

  it('refuses a policy that makes no sense', () => {
    assert.throws(() => validateRetryPolicy({ ...policy, maxRetries: -1 }), /maxRetries must be a whole number >= 0/);
    assert.throws(() => validateRetryPolicy({ ...policy, maxRetries: 1.5 }), /maxRetries/);
    assert.throws(() => validateRetryPolicy({ ...policy, baseDelayMs: Number.NaN }), /baseDelayMs/);
    assert.throws(() => validateRetryPolicy({ ...policy, maxDelayMs: 10 }), /maxDelayMs must be at least retry\.baseDelayMs \(100\)/);
    assert.deepEqual(validateRetryPolicy(policy), policy);
  });
});
