import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { retryInRounds, type RoundOptions, type RoundResult } from '@reporting/utils';

export type { RoundOptions, RoundResult };

/** One item of a batched write, settled on its own: its caller waits for its item only. */
export interface PendingWrite {
  /** The item's key (the idempotency record id). */
  id: string;
  item: Record<string, AttributeValue>;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Sends `writes` in rounds (retryInRounds) until each is settled: a round resolves or rejects the
 * writes it settles and returns the rest; the writes left when the rounds give up fail with their error.
 */
export async function writeInRounds(
  writes: PendingWrite[],
  round: (writes: PendingWrite[]) => Promise<RoundResult<PendingWrite>>,
  what: string,
  options: RoundOptions = {}
): Promise<void> {
  const end = await retryInRounds(writes, round, what, options);
  if ('error' in end) for (const pending of end.left) pending.reject(end.error);
}
