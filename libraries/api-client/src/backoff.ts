/** How long and how often a request is retried. */
export interface RetryPolicy {
  /** Requests in all, the first included. */
  maxAttempts: number;
  /** The cap of the first retry's delay; it doubles per retry. */
  baseDelayMs: number;
  /** No delay's cap grows beyond this. */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first request (its wait included). */
  maxElapsedMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 8_000,
  maxElapsedMs: 60_000
};

/**
 * The wait before retry number `retry` (1 for the first): "full jitter", a uniform draw in
 * [0, min(maxDelay, base · 2^(retry-1))), so that many clients failing together do not retry in step.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * cap);
}
