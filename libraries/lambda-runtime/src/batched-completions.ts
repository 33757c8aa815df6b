import {
  BatchWriteItemCommand,
  type AttributeValue,
  type BatchWriteItemCommandOutput,
  type DynamoDBClient
} from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { IdempotencyRecord } from '@aws-lambda-powertools/idempotency/persistence';

/** BatchWriteItem's limit: requests per call. */
export const BATCH_WRITE_ITEMS = 25;

/** Powertools' attribute names of the record (its defaults, which the Terraform table uses too). */
export interface CompletionAttributes {
  key: string;
  expiry: string;
  status: string;
  data: string;
}

export interface BatchedCompletionOptions {
  tableName: string;
  client: DynamoDBClient;
  attributes: CompletionAttributes;
  /** Rounds of UnprocessedItems retried before the rest fail (default 8, exponential backoff from `backoffMs`). */
  maxRetries?: number;
  /** First backoff of an UnprocessedItems retry (default 50 ms). */
  backoffMs?: number;
}

interface PendingCompletion {
  item: Record<string, AttributeValue>;
  id: string;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Powertools' DynamoDB persistence layer with one difference: the COMPLETED record that marks an
 * object done (Powertools' `_updateRecord`, an unconditional UpdateItem per object) is written in
 * BatchWriteItem calls of up to 25 — the completions that arrive in the same turn of the event loop
 * (a group commit releases all objects of a checkpoint at once) share a call. Each completion still
 * resolves only once its own record is written, and rejects if it could not be (an error, or
 * UnprocessedItems left after the retries): Powertools then fails the object exactly as when its
 * UpdateItem fails, and the IN_PROGRESS record stays until its lease ends, as today. The claim
 * (conditional PutItem), the reads and the deletion of a failed object's record are Powertools' own.
 *
 * The item written is the one Powertools' update leaves, minus `in_progress_expiration` (which only
 * matters while the status is INPROGRESS): key, expiry, status COMPLETED and the outcome as `data`,
 * marshalled with util-dynamodb's `marshall`, as Powertools marshals it. A record is replaced whole, as the
 * update overwrites those attributes unconditionally. Needs `dynamodb:BatchWriteItem` on the table.
 * Works with clients that cache their middleware (lib-dynamodb's document client does not).
 */
export class BatchedCompletionPersistenceLayer extends DynamoDBPersistenceLayer {
  private readonly batchClient: DynamoDBClient;
  private readonly table: string;
  private readonly attributes: CompletionAttributes;
  private readonly maxRetries: number;
  private readonly backoffMs: number;
  private queue: PendingCompletion[] = [];
  private scheduled = false;

  public constructor(options: BatchedCompletionOptions) {
    super({
      tableName: options.tableName,
      awsSdkV3Client: options.client,
      keyAttr: options.attributes.key,
      expiryAttr: options.attributes.expiry,
      statusAttr: options.attributes.status,
      dataAttr: options.attributes.data
    });
    this.batchClient = options.client;
    this.table = options.tableName;
    this.attributes = options.attributes;
    this.maxRetries = options.maxRetries ?? 8;
    this.backoffMs = options.backoffMs ?? 50;
  }

  // eslint-disable-next-line @typescript-eslint/naming-convention -- Powertools' method name
  protected override _updateRecord(record: IdempotencyRecord): Promise<void> {
    if (this.isPayloadValidationEnabled())
      return Promise.reject(new Error('batched idempotency completions do not support payload validation'));
    const { expiry, status, data } = this.attributes;
    let item: Record<string, AttributeValue>;
    try {
      item = {
        ...this.getKey(record.idempotencyKey),
        ...marshall({
          [expiry]: record.expiryTimestamp,
          [status]: record.getStatus(),
          ...(record.responseData !== undefined ? { [data]: record.responseData } : {})
        })
      };
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ item, id: record.idempotencyKey, resolve, reject });
      if (this.queue.length >= BATCH_WRITE_ITEMS) this.writeBatch();
      else this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0) this.writeBatch();
    });
  }

  /** Takes up to 25 completions of distinct keys off the queue and writes them (one key twice is refused by DynamoDB). */
  private writeBatch(): void {
    const batch = new Map<string, PendingCompletion>();
    const later: PendingCompletion[] = [];
    let i = 0;
    for (; i < this.queue.length && batch.size < BATCH_WRITE_ITEMS; i++) {
      const pending = this.queue[i];
      if (batch.has(pending.id)) later.push(pending);
      else batch.set(pending.id, pending);
    }
    this.queue = [...later, ...this.queue.slice(i)];
    if (later.length > 0) this.schedule();
    this.write(batch).catch(() => undefined);
  }

  private async write(batch: Map<string, PendingCompletion>): Promise<void> {
    let remaining = batch;
    try {
      for (let attempt = 0; remaining.size > 0; attempt++) {
        if (attempt > this.maxRetries)
          throw new Error(
            `BatchWriteItem left ${remaining.size} idempotency records unprocessed after ${this.maxRetries} retries (table throttled?)`
          );
        if (attempt > 0)
          await new Promise((resolve) => setTimeout(resolve, this.backoffMs * 2 ** (attempt - 1)));
        const response: BatchWriteItemCommandOutput = await this.batchClient.send(
          new BatchWriteItemCommand({
            RequestItems: {
              [this.table]: [...remaining.values()].map(({ item }) => ({ PutRequest: { Item: item } }))
            }
          })
        );
        const unprocessed = new Set(
          (response.UnprocessedItems?.[this.table] ?? []).map(
            (request) => request.PutRequest?.Item?.[this.attributes.key]?.S
          )
        );
        const next = new Map<string, PendingCompletion>();
        for (const [id, pending] of remaining) {
          if (unprocessed.has(id)) next.set(id, pending);
          else pending.resolve();
        }
        remaining = next;
      }
    } catch (error) {
      for (const pending of remaining.values()) pending.reject(error);
    }
  }
}
