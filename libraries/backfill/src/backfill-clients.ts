import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { createDirectObjectReader, createS3Client, type ObjectReader } from '@reporting/lambda-runtime';

/** The clients a backfill hands to the lambda's runtime instead of its per-invocation ones. */
export interface BackfillClients {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  /**
   * Reads the objects with `s3`'s endpoint, signer, HTTP handler and retry strategy but without the SDK's
   * per-request middleware (createDirectObjectReader): a third of the CPU of a GetObject (decision 0082).
   */
  readObject: ObjectReader;
  /** For `--via-queue` (endpoint from AWS_ENDPOINT_URL_SQS like the others from theirs). */
  sqs: SQSClient;
  /**
   * Passed on to the lambda's runtime with the clients (RuntimeOverrides): the idempotency claims are
   * written in TransactWriteItems of up to 100 and the COMPLETED records in BatchWriteItem calls of 25,
   * not a PutItem and an UpdateItem per file. Needs `dynamodb:BatchWriteItem` on the idempotency table.
   */
  batchIdempotencyWrites: boolean;
}

export interface BackfillClientOptions {
  /** Whether the SQS client checks the MD5 of every message body SQS echoes back (default SQS_MD5_DEFAULT). */
  sqsMd5?: boolean;
}

/**
 * The SQS client's MD5 check of sent bodies: redundant with TLS's integrity on HTTPS, and per byte sent.
 */
export const SQS_MD5_DEFAULT = true;

/** Sockets per client: a round reads up to 64 objects at once, plus idempotency and commit requests. */
export const BACKFILL_MAX_SOCKETS = 128;

/**
 * Clients for bulk work, same endpoints, credentials and retry strategy as the lambda's. They resolve
 * their middleware chain once per command type (`cacheMiddleware`) instead of on every request (the
 * backfill adds no per-command middleware), keep more sockets open, read objects with the direct reader
 * and batch the idempotency writes: per new file one GET and a 100th of a transaction and a 25th of a
 * BatchWriteItem. No X-Ray capture: outside Lambda the tracer is off anyway.
 */
export function createBackfillClients(options: BackfillClientOptions = {}): BackfillClients {
  // The handler's agents take maxSockets (a top-level `maxSockets` is ignored: the SDK's default 50 stays).
  const agent = { maxSockets: BACKFILL_MAX_SOCKETS };
  const requestHandler = { httpAgent: agent, httpsAgent: agent };
  const s3 = createS3Client({ cacheMiddleware: true, requestHandler });
  return {
    batchIdempotencyWrites: true,
    s3,
    readObject: createDirectObjectReader(s3),
    dynamodb: new DynamoDBClient({ cacheMiddleware: true, requestHandler }),
    sqs: new SQSClient({
      cacheMiddleware: true,
      requestHandler,
      ...((options.sqsMd5 ?? SQS_MD5_DEFAULT) ? {} : { md5: false })
    })
  };
}
