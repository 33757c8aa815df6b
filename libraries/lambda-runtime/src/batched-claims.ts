import {
  TransactionCanceledException,
  TransactWriteItemsCommand,
  type AttributeValue,
  type DynamoDBClient
} from '@aws-sdk/client-dynamodb';
import { IdempotencyRecordStatus } from '@aws-lambda-powertools/idempotency';
import type { PendingWrite, RoundResult } from './write-rounds';

/** TransactWriteItems' limit: actions per call. */
export const TRANSACT_WRITE_ITEMS = 100;

/** Attribute names of an idempotency record (Powertools' defaults, which the Terraform table uses too). */
export interface IdempotencyAttributes {
  key: string;
  expiry: string;
  inProgressExpiry: string;
  status: string;
  data: string;
}

/**
 * Powertools' claim condition (DynamoDBPersistenceLayer `_putRecord`): the key is new, or its record has
 * expired, or it is in progress and the lease of the invocation that holds it has ended.
 */
const CLAIM_CONDITION =
  'attribute_not_exists(#id) OR #expiry < :now OR ' +
  '(#status = :inprogress AND attribute_exists(#in_progress_expiry) AND #in_progress_expiry < :now_in_millis)';

/** Cancellation codes of an action that may pass when sent again (DynamoDB's TransactWriteItems reference). */
const RETRIED_CODES = new Set([
  'None',
  'TransactionConflict',
  'ThrottlingError',
  'ProvisionedThroughputExceeded'
]);

/**
 * One round of claims (IN_PROGRESS records, ≤ 100, distinct keys) as one TransactWriteItems of
 * conditional Puts, each with Powertools' condition. All are written, or none: when DynamoDB cancels
 * the transaction, a claim whose condition failed is rejected with `taken(item)` (the record that holds
 * the key, returned by ALL_OLD), the others go again in the next round — at once when only conditions
 * failed, after a backoff when the cancellation was a conflict or throttling. A cancellation for any
 * other reason (a validation error of one item…) fails that claim with DynamoDB's message.
 */
export function claimRound(
  client: DynamoDBClient,
  tableName: string,
  attributes: IdempotencyAttributes,
  taken: (id: string, item: Record<string, AttributeValue> | undefined) => Error
): (writes: PendingWrite[]) => Promise<RoundResult<PendingWrite>> {
  const names = {
    '#id': attributes.key,
    '#expiry': attributes.expiry,
    '#in_progress_expiry': attributes.inProgressExpiry,
    '#status': attributes.status
  };
  return async (writes) => {
    const now = Date.now();
    const values: Record<string, AttributeValue> = {
      ':now': { N: String(now / 1000) },
      ':now_in_millis': { N: String(now) },
      ':inprogress': { S: IdempotencyRecordStatus.INPROGRESS }
    };
    try {
      await client.send(
        new TransactWriteItemsCommand({
          TransactItems: writes.map(({ item }) => ({
            Put: {
              TableName: tableName,
              Item: item,
              ConditionExpression: CLAIM_CONDITION,
              ExpressionAttributeNames: names,
              ExpressionAttributeValues: values,
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD'
            }
          }))
        })
      );
    } catch (error) {
      if (!(error instanceof TransactionCanceledException) || error.CancellationReasons === undefined)
        throw error;
      const reasons = error.CancellationReasons;
      const again: PendingWrite[] = [];
      let backoff = false;
      for (const [i, pending] of writes.entries()) {
        const { Code: code = 'None', Message: message, Item: item } = reasons[i] ?? {};
        if (code === 'ConditionalCheckFailed') pending.reject(taken(pending.id, item));
        else if (RETRIED_CODES.has(code)) {
          again.push(pending);
          backoff ||= code !== 'None';
        } else
          pending.reject(
            new Error(`idempotency claim of ${pending.id} cancelled: ${code}: ${message ?? ''}`)
          );
      }
      // Cancelled with no reason to tell (every code None): back off rather than resend at once.
      return { again, backoff: backoff || again.length === writes.length };
    }
    for (const pending of writes) pending.resolve();
    return { again: [], backoff: false };
  };
}
