import type { Context } from 'aws-lambda';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { ObjectOutcome } from './outcomes';
import { BatchedPersistenceLayer } from './batched-persistence-layer';
import { IDEMPOTENCY_STATUS_ATTRIBUTE, idempotencyKeyPrefix, type ObjectIdentity } from './idempotency-key';

export type { ObjectIdentity };

/** Attribute names of the idempotency table: Powertools' defaults, which the Terraform table uses too. */
export const IDEMPOTENCY_KEY_ATTRIBUTE = 'id';
export const IDEMPOTENCY_TTL_ATTRIBUTE = 'expiration';
/** Until when an in-progress record holds (ms since the epoch): Powertools' default name. */
export const IDEMPOTENCY_IN_PROGRESS_EXPIRY_ATTRIBUTE = 'in_progress_expiration';
/** Where Powertools keeps a finished object's outcome (its default). */
export const IDEMPOTENCY_DATA_ATTRIBUTE = 'data';

/** How long a processed object version is remembered (redeliveries later than this are still caught by the checkpoint's source record). */
export const IDEMPOTENCY_EXPIRY_SECONDS = 7 * 24 * 3600;

/**
 * Wraps the per-object unit of work so that one object version is processed once: a repeated call
 * with the same identity replays the stored outcome. The second argument is not part of the key.
 */
export type IdempotencyWrapper = <C>(
  fn: (identity: ObjectIdentity, context: C) => Promise<ObjectOutcome>
) => (identity: ObjectIdentity, context: C) => Promise<ObjectOutcome>;

export interface LambdaIdempotency {
  wrapper: IdempotencyWrapper;
  /** Must be called on every invocation: in-progress records then expire with the invocation. */
  registerContext(context: Context): void;
}

export interface IdempotencyOptions {
  /**
   * Write the claims in TransactWriteItems of up to 100 and the COMPLETED records in BatchWriteItem
   * calls of up to 25 instead of a PutItem and an UpdateItem per object (BatchedPersistenceLayer; the
   * same records and conditions). Needs `dynamodb:BatchWriteItem`, which the deployed lambda's role does
   * not grant: the backfill's option.
   */
  batchWrites?: boolean;
}

/**
 * Powertools idempotency over DynamoDB, keyed by the object identity (bucket, key, version/ETag), its
 * record ids prefixed with `keyPrefix` (default: idempotencyKeyPrefix(), the function name in Lambda).
 */
export function createIdempotency(
  tableName: string,
  client: DynamoDBClient = new DynamoDBClient({}),
  keyPrefix: string = idempotencyKeyPrefix(),
  options: IdempotencyOptions = {}
): LambdaIdempotency {
  const persistenceStore = options.batchWrites
    ? new BatchedPersistenceLayer({
        tableName,
        client,
        attributes: {
          key: IDEMPOTENCY_KEY_ATTRIBUTE,
          expiry: IDEMPOTENCY_TTL_ATTRIBUTE,
          inProgressExpiry: IDEMPOTENCY_IN_PROGRESS_EXPIRY_ATTRIBUTE,
          status: IDEMPOTENCY_STATUS_ATTRIBUTE,
          data: IDEMPOTENCY_DATA_ATTRIBUTE
        }
      })
    : new DynamoDBPersistenceLayer({
        tableName,
        awsSdkV3Client: client,
        keyAttr: IDEMPOTENCY_KEY_ATTRIBUTE,
        expiryAttr: IDEMPOTENCY_TTL_ATTRIBUTE
      });
  const config = new IdempotencyConfig({ expiresAfterSeconds: IDEMPOTENCY_EXPIRY_SECONDS });
  return {
    wrapper: <C>(fn: (identity: ObjectIdentity, context: C) => Promise<ObjectOutcome>) => {
      // Powertools' option types do not resolve for a generic context; the key is argument 0 only.
      const unit = fn as (identity: ObjectIdentity, context: unknown) => Promise<ObjectOutcome>;
      // An empty keyPrefix is Powertools' default: the function name in AWS_LAMBDA_FUNCTION_NAME, or none.
      return makeIdempotent(unit, {
        persistenceStore,
        config,
        dataIndexArgument: 0,
        ...(keyPrefix ? { keyPrefix } : {})
      });
    },
    registerContext: (context) => config.registerLambdaContext(context)
  };
}
