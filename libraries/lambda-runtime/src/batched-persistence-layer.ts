import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyItemAlreadyExistsError } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { BATCH_WRITE_ITEMS, completionRound } from './batched-completions';
import { claimRound, TRANSACT_WRITE_ITEMS, type IdempotencyAttributes } from './batched-claims';
import { TurnBatcher } from './turn-batcher';
import { writeInRounds, type PendingWrite, type RoundOptions, type RoundResult } from './write-rounds';

type RecordOptions = ConstructorParameters<typeof IdempotencyRecord>[0];

export interface BatchedPersistenceOptions extends RoundOptions {
  tableName: string;
  client: DynamoDBClient;
  attributes: IdempotencyAttributes;
}

/**
 * Powertools' DynamoDB persistence layer whose two writes per object go out in batches: the claims
 * (Powertools' conditional PutItem of the IN_PROGRESS record) up to 100 a TransactWriteItems, the
 * COMPLETED records (its unconditional UpdateItem) up to 25 a BatchWriteItem — the writes that arrive in
 * the same turn of the event loop share a call (a round of a backfill claims its objects at once, and a
 * group commit releases all objects of a checkpoint at once). Each write still settles on its own: a
 * claim resolves once its record is written, or rejects with IdempotencyItemAlreadyExistsError carrying
 * the record that holds the key, exactly what Powertools' own claim does; a completion resolves once its
 * record is written, or rejects (an error, or UnprocessedItems left after the retries) and Powertools
 * fails the object with its IN_PROGRESS record left until the lease ends, as when its UpdateItem fails.
 * Reads and the deletion of a failed object's record are Powertools' own.
 *
 * The items are the ones Powertools writes, marshalled with util-dynamodb's `marshall` as it does; a
 * COMPLETED record replaces the item whole (without `in_progress_expiration`, which only matters while
 * INPROGRESS). Needs `dynamodb:BatchWriteItem` on the table (transactions need only the PutItem
 * permission); a transaction consumes twice the write capacity of a PutItem. No payload validation.
 * Works with clients that cache their middleware (lib-dynamodb's document client does not).
 */
export class BatchedPersistenceLayer extends DynamoDBPersistenceLayer {
  private readonly attributes: IdempotencyAttributes;
  private readonly claims: TurnBatcher<PendingWrite>;
  private readonly completions: TurnBatcher<PendingWrite>;

  public constructor(options: BatchedPersistenceOptions) {
    const { tableName, client, attributes } = options;
    super({
      tableName,
      awsSdkV3Client: client,
      keyAttr: attributes.key,
      expiryAttr: attributes.expiry,
      inProgressExpiryAttr: attributes.inProgressExpiry,
      statusAttr: attributes.status,
      dataAttr: attributes.data
    });
    this.attributes = attributes;
    const batcher = (
      size: number,
      what: string,
      round: (writes: PendingWrite[]) => Promise<RoundResult<PendingWrite>>
    ) =>
      new TurnBatcher<PendingWrite>(
        size,
        (pending) => pending.id,
        // writeInRounds settles every write of the batch itself and does not reject.
        (batch) => writeInRounds(batch, round, what, options).catch(() => undefined)
      );
    this.claims = batcher(
      TRANSACT_WRITE_ITEMS,
      'TransactWriteItems of idempotency claims',
      claimRound(client, tableName, attributes, (id, item) => this.alreadyExists(id, item))
    );
    this.completions = batcher(
      BATCH_WRITE_ITEMS,
      'BatchWriteItem of idempotency completions (table throttled?)',
      completionRound(client, tableName, attributes.key)
    );
  }

  // eslint-disable-next-line @typescript-eslint/naming-convention -- Powertools' method name
  protected override _putRecord(record: IdempotencyRecord): Promise<void> {
    const { expiry, status, inProgressExpiry } = this.attributes;
    return this.enqueue(this.claims, record, () => ({
      ...marshall({ [expiry]: record.expiryTimestamp, [status]: record.getStatus() }),
      ...(record.inProgressExpiryTimestamp !== undefined
        ? { [inProgressExpiry]: { N: String(record.inProgressExpiryTimestamp) } }
        : {})
    }));
  }

  // eslint-disable-next-line @typescript-eslint/naming-convention -- Powertools' method name
  protected override _updateRecord(record: IdempotencyRecord): Promise<void> {
    const { expiry, status, data } = this.attributes;
    return this.enqueue(this.completions, record, () =>
      marshall({
        [expiry]: record.expiryTimestamp,
        [status]: record.getStatus(),
        ...(record.responseData !== undefined ? { [data]: record.responseData } : {})
      })
    );
  }

  private enqueue(
    batcher: TurnBatcher<PendingWrite>,
    record: IdempotencyRecord,
    attributes: () => Record<string, AttributeValue>
  ): Promise<void> {
    if (this.isPayloadValidationEnabled())
      return Promise.reject(new Error('batched idempotency writes do not support payload validation'));
    let item: Record<string, AttributeValue>;
    try {
      item = { ...this.getKey(record.idempotencyKey), ...attributes() };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) =>
      batcher.add({ item, id: record.idempotencyKey, resolve, reject })
    );
  }

  /** Powertools' error for a key another record holds, with that record (from ALL_OLD) when there is one. */
  private alreadyExists(id: string, item: Record<string, AttributeValue> | undefined): Error {
    const { key, status, expiry, inProgressExpiry, data } = this.attributes;
    const old = item && unmarshall(item);
    return new IdempotencyItemAlreadyExistsError(
      `Failed to put record for already existing idempotency key: ${id}`,
      old &&
        new IdempotencyRecord({
          idempotencyKey: old[key] as string,
          status: old[status] as RecordOptions['status'],
          expiryTimestamp: old[expiry] as RecordOptions['expiryTimestamp'],
          inProgressExpiryTimestamp: old[inProgressExpiry] as RecordOptions['inProgressExpiryTimestamp'],
          responseData: old[data] as RecordOptions['responseData']
        })
    );
  }
}
