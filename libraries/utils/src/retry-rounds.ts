/** What one round did with the items it was given: those to send again, and whether to back off first. */
export interface RoundResult<T> {
  again: T[];
  backoff: boolean;
}

export interface RoundOptions {
  /** Rounds after the first before the items still left give up (default 8). */
  maxRetries?: number;
  /** First backoff (default 50 ms), doubled on every round that asks for one. */
  backoffMs?: number;
}

/** How the rounds ended: nothing `left`, or the items left unsettled and the `error` that stopped them. */
export type RoundsEnd<T> = { left: [] } | { left: T[]; error: unknown };

/**
 * Sends `items` in rounds — a batch API's partial answers (UnprocessedKeys, UnprocessedItems, a
 * cancelled transaction's retryable actions) — until a round has nothing to send again. After
 * `maxRetries` more rounds the rest give up with one error naming `what`; a round that throws stops
 * with its error and the items it was given. Never throws itself.
 */
export async function retryInRounds<T>(
  items: T[],
  round: (items: T[]) => Promise<RoundResult<T>>,
  what: string,
  options: RoundOptions = {}
): Promise<RoundsEnd<T>> {
  const maxRetries = options.maxRetries ?? 8;
  let backoffMs = options.backoffMs ?? 50;
  let remaining = items;
  try {
    for (let attempt = 0; remaining.length > 0; attempt++) {
      if (attempt > maxRetries)
        return {
          left: remaining,
          error: new Error(`${what}: ${remaining.length} left after ${maxRetries} retries`)
        };
      const result = await round(remaining);
      remaining = result.again;
      if (result.backoff && remaining.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, backoffMs));
        backoffMs *= 2;
      }
    }
    return { left: [] };
  } catch (error) {
    return { left: remaining, error };
  }
}
