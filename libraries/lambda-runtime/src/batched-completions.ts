import { BatchWriteItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { PendingWrite, RoundResult } from './write-rounds';

/** BatchWriteItem's limit: requests per call. */
export const BATCH_WRITE_ITEMS = 25;

/**
 * One round of COMPLETED records (≤ 25, distinct keys) in one BatchWriteItem call: the records DynamoDB
 * wrote resolve, the UnprocessedItems go again after a backoff (DynamoDB's advice for them).
 */
export function completionRound(
  client: DynamoDBClient,
  tableName: string,
  keyAttribute: string
): (writes: PendingWrite[]) => Promise<RoundResult<PendingWrite>> {
  return async (writes) => {
    const response = await client.send(
      new BatchWriteItemCommand({
        RequestItems: { [tableName]: writes.map(({ item }) => ({ PutRequest: { Item: item } })) }
      })
    );
    const unprocessed = new Set(
      (response.UnprocessedItems?.[tableName] ?? []).map(
        (request) => request.PutRequest?.Item?.[keyAttribute]?.S
      )
    );
    const again = writes.filter((pending) => unprocessed.has(pending.id));
    for (const pending of writes) if (!unprocessed.has(pending.id)) pending.resolve();
    return { again, backoff: true };
  };
}
