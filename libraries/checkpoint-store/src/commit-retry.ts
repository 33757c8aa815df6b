import { CommitConflictError } from './errors';
import { PreconditionFailedError } from './store/object-store';

export interface RetryOptions {
  /** Attempts before giving up with CommitConflictError (default 25). */
  maxAttempts?: number;
  /** First backoff ceiling in ms (default 25); doubles per attempt up to maxDelayMs. */
  baseDelayMs?: number;
  /** Backoff ceiling in ms (default 1000). */
  maxDelayMs?: number;
  /** Test seam: how to wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Test seam: a number in [0, 1). */
  random?: () => number;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` (read, compute, conditional write) until it commits. A lost race
 * (PreconditionFailedError: 412/409 or the object vanished) re-runs it from a fresh read after a
 * "full jitter" backoff (uniform in [0, min(max, base·2^n)]), so contenders spread out; any other
 * error propagates at once. After `maxAttempts` lost races: CommitConflictError.
 */
export async function commitWithRetry<T>(
  description: string,
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {}
): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 25;
  const base = options.baseDelayMs ?? 25;
  const max = options.maxDelayMs ?? 1000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  for (let attemptNumber = 1; ; attemptNumber++) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      if (!(error instanceof PreconditionFailedError)) throw error;
      if (attemptNumber >= maxAttempts) {
        throw new CommitConflictError(
          `${description}: gave up after ${maxAttempts} attempts, each overtaken by a concurrent writer; nothing was written by this call`
        );
      }
      await sleep(random() * Math.min(max, base * 2 ** (attemptNumber - 1)));
    }
  }
}
