// Retries of one model call: bounded in count and in wait, honouring the server's Retry-After,
// exponential backoff with jitter otherwise, and every retry reported before it waits.
//
// Our own loop rather than p-retry or exponential-backoff: those compute each wait from the attempt
// number alone, while a 429 or 503 tells us the wait itself (Retry-After), and we must refuse a wait
// longer than allowed rather than shorten it (retrying earlier than asked just earns another 429).
import { ModelError } from '../core/ports';
import type { AttemptFailure } from './modelErrors';

export interface RetryPolicy {
  /** Retries after the first attempt; 0 turns retrying off. */
  readonly maxRetries: number;
  /** The first backoff step; doubled on each retry. */
  readonly baseDelayMs: number;
  /** No wait is longer: backoff is capped here, and a longer Retry-After ends the call instead. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 4, baseDelayMs: 500, maxDelayMs: 30_000 };

export interface RetryNotice {
  /** 1 for the first retry. */
  readonly attempt: number;
  readonly delayMs: number;
  readonly reason: string;
}

export interface RetryLoopOptions {
  readonly policy: RetryPolicy;
  readonly classify: (error: unknown) => AttemptFailure;
  readonly onRetry: (notice: RetryNotice) => void;
  /** Resolves after `ms`, or rejects when the signal aborts first. */
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly signal?: AbortSignal;
  /** In [0, 1); Math.random unless a test needs it fixed. */
  readonly random?: () => number;
}

export async function withRetries<T>(attempt: () => Promise<T>, options: RetryLoopOptions): Promise<T> {
  const { policy } = options;
  for (let retry = 1; ; retry++) {
    let failure: AttemptFailure;
    try {
      return await attempt();
    } catch (error) {
      failure = options.classify(error);
    }
    if (!failure.retryable) throw failure.error;
    if (retry > policy.maxRetries) throw gaveUp(failure.error, policy.maxRetries);
    const delayMs = failure.retryAfterMs ?? backoffDelayMs(retry, policy, options.random ?? Math.random);
    if (delayMs > policy.maxDelayMs) throw waitTooLong(failure.error, delayMs, policy.maxDelayMs);
    options.onRetry({ attempt: retry, delayMs, reason: failure.reason });
    try {
      await options.sleep(delayMs, options.signal);
    } catch {
      throw new ModelError('canceled', 'The model call was canceled while waiting to retry.');
    }
  }
}

/**
 * The wait before retry number `retry` (1-based): base * 2^(retry-1), capped at maxDelayMs, then
 * "equal jitter": a random point in its upper half, so callers that failed together spread out but
 * none retries at once.
 */
export function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export function validateRetryPolicy(policy: RetryPolicy): RetryPolicy {
  const { maxRetries, baseDelayMs, maxDelayMs } = policy;
  if (!Number.isInteger(maxRetries) || maxRetries < 0) throw new RangeError(`retry.maxRetries must be a whole number >= 0, not ${maxRetries}.`);
  if (!Number.isFinite(baseDelayMs) || baseDelayMs < 0) throw new RangeError(`retry.baseDelayMs must be >= 0, not ${baseDelayMs}.`);
  if (!Number.isFinite(maxDelayMs) || maxDelayMs < baseDelayMs) {
    throw new RangeError(`retry.maxDelayMs must be at least retry.baseDelayMs (${baseDelayMs}), not ${maxDelayMs}.`);
  }
  return policy;
}

function gaveUp(error: ModelError, retries: number): ModelError {
  const tries = retries === 0 ? 'Retrying is turned off.' : `Gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'}.`;
  return new ModelError(error.code, `${error.message} ${tries}`, error.status);
}

function waitTooLong(error: ModelError, delayMs: number, maxDelayMs: number): ModelError {
  return new ModelError(
    error.code,
    `${error.message} It asked to wait ${seconds(delayMs)} before retrying, longer than the ${seconds(maxDelayMs)} allowed.`,
    error.status,
  );
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}
