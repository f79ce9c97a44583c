// How long a task waits before its next attempt.
import type { RetryPolicy } from './workflowDefinition';

/** The delay before retry number `retry` (1 for the first retry), capped at the policy's maximum. */
export function retryDelayMs(policy: RetryPolicy, retry: number): number {
  const delay = policy.backoff === 'exponential' ? policy.retryDelayMs * 2 ** (retry - 1) : policy.retryDelayMs;
  return Math.min(delay, policy.maxDelayMs ?? Number.POSITIVE_INFINITY);
}
