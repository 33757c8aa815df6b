import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** One item of a batched write, settled on its own: its caller waits for its item only. */
export interface PendingWrite {
  /** The item's key (the idempotency record id). */
  id: string;
  item: Record<string, AttributeValue>;
  resolve(): void;
  reject(error: unknown): void;
}

/** What one round did: the writes to send again, and whether to back off first (throttled, contended). */
export interface RoundResult {
  again: PendingWrite[];
  backoff: boolean;
}

export interface RoundOptions {
  /** Rounds after the first before the writes still unsettled fail (default 8). */
  maxRetries?: number;
  /** First backoff (default 50 ms), doubled on every round that asks for one. */
  backoffMs?: number;
}

/**
 * Sends `writes` in rounds until every one is settled: a round settles some writes itself and returns
 * the rest to send again. After `maxRetries` more rounds the rest fail with one error naming `what`.
 * A round that throws fails every write it was given.
 */
export async function writeInRounds(
  writes: PendingWrite[],
  round: (writes: PendingWrite[]) => Promise<RoundResult>,
  what: string,
  options: RoundOptions = {}
): Promise<void> {
  const maxRetries = options.maxRetries ?? 8;
  let backoffMs = options.backoffMs ?? 50;
  let remaining = writes;
  try {
    for (let attempt = 0; remaining.length > 0; attempt++) {
      if (attempt > maxRetries)
        throw new Error(`${what}: ${remaining.length} left unwritten after ${maxRetries} retries`);
      const result = await round(remaining);
      remaining = result.again;
      if (result.backoff && remaining.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
        backoffMs *= 2;
      }
    }
  } catch (error) {
    for (const pending of remaining) pending.reject(error);
  }
}
