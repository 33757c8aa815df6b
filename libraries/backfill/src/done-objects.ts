import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IDEMPOTENCY_STATUS_ATTRIBUTE,
  IDEMPOTENCY_STATUS_COMPLETED,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  idempotencyKey,
  identityOf,
  type ObjectChange
} from '@reporting/lambda-runtime';
import { concurrencyLimit, retryInRounds } from '@reporting/utils';

/** BatchGetItem's limit: keys per call. */
export const BATCH_GET_KEYS = 100;

export interface DoneObjectsOptions {
  table: string;
  /** Powertools' key prefix: the function name of the lambda whose records these are ('' outside Lambda). */
  keyPrefix: string;
  /** BatchGetItem calls in flight (default 8). */
  concurrency?: number;
  /** Rounds of UnprocessedKeys retried before giving up (default 8, with exponential backoff from 50 ms). */
  maxRetries?: number;
  now?: () => number;
}

/**
 * Splits changes into those the idempotency table already records as COMPLETED (and not expired) and
 * the rest, in BatchGetItem calls of 100 keys (UnprocessedKeys retried with backoff). An object whose
 * record is in progress or missing is pending: the lambda's own idempotency settles it.
 */
export async function partitionDone(
  dynamodb: DynamoDBClient,
  changes: readonly ObjectChange[],
  options: DoneObjectsOptions
): Promise<{ pending: ObjectChange[]; done: number }> {
  const keyed = changes.map((change) =>
    change.kind === 'created' ? idempotencyKey(identityOf(change.object), options.keyPrefix) : undefined
  );
  const unique = [...new Set(keyed.filter((key): key is string => key !== undefined))];
  const limit = concurrencyLimit(options.concurrency ?? 8);
  const completed = new Set<string>();
  const batches: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_KEYS) batches.push(unique.slice(i, i + BATCH_GET_KEYS));
  await Promise.all(
    batches.map((keys) =>
      limit(async () => {
        for (const key of await completedKeys(dynamodb, keys, options)) completed.add(key);
      })
    )
  );
  const pending = changes.filter((_change, i) => keyed[i] === undefined || !completed.has(keyed[i]!));
  return { pending, done: changes.length - pending.length };
}

async function completedKeys(
  dynamodb: DynamoDBClient,
  keys: string[],
  options: DoneObjectsOptions
): Promise<string[]> {
  const now = (options.now ?? Date.now)() / 1000;
  const found: string[] = [];
  const end = await retryInRounds(
    keys,
    async (ids) => {
      const response = await dynamodb.send(
        new BatchGetItemCommand({
          RequestItems: {
            [options.table]: {
              Keys: ids.map((id) => ({ [IDEMPOTENCY_KEY_ATTRIBUTE]: { S: id } })),
              ProjectionExpression: '#id, #status, #expiration',
              ExpressionAttributeNames: {
                '#id': IDEMPOTENCY_KEY_ATTRIBUTE,
                '#status': IDEMPOTENCY_STATUS_ATTRIBUTE,
                '#expiration': IDEMPOTENCY_TTL_ATTRIBUTE
              }
            }
          }
        })
      );
      for (const item of response.Responses?.[options.table] ?? []) {
        const expiration = Number(item[IDEMPOTENCY_TTL_ATTRIBUTE]?.N ?? Infinity);
        if (item[IDEMPOTENCY_STATUS_ATTRIBUTE]?.S === IDEMPOTENCY_STATUS_COMPLETED && expiration > now) {
          found.push(item[IDEMPOTENCY_KEY_ATTRIBUTE].S!);
        }
      }
      const again = (response.UnprocessedKeys?.[options.table]?.Keys ?? []).map(
        (key) => key[IDEMPOTENCY_KEY_ATTRIBUTE].S!
      );
      return { again, backoff: true };
    },
    'BatchGetItem left keys unprocessed (table throttled?)',
    { maxRetries: options.maxRetries }
  );
  if ('error' in end) throw end.error;
  return found;
}
