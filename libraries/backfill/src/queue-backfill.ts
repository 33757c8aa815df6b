import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { listObjectPages } from './backfill';
import { partitionDone } from './done-objects';
import { queueDepth, waitForEmptyQueue, type QueueDepth } from './queue-depth';
import { sendMessages } from './queue-sender';
import { packReplayMessages } from './replay-notification';
import { MAX_FAILURE_SAMPLES } from './backfill';
import type { ObjectChange } from '@reporting/lambda-runtime';

type CreatedChange = Extract<ObjectChange, { kind: 'created' }>;

/**
 * Records per replay message by default: with the queue's batch size of 10 messages, an invocation
 * gets up to 100 objects (one commit per checkpoint for all of them), and the command sends 10 times
 * fewer messages than with one record each (docs/benchmarks.md, issue 18).
 */
export const DEFAULT_RECORDS_PER_MESSAGE = 10;

export interface QueueBackfillClients {
  s3: S3Client;
  dynamodb: DynamoDBClient;
  sqs: SQSClient;
}

export interface QueueBackfillOptions {
  bucket: string;
  prefix: string;
  suffix?: string;
  select?: (key: string) => boolean;
  /** The lambda's queue (its event source) and, for progress, its dead-letter queue. */
  queueUrl: string;
  deadLetterUrl?: string;
  /** The lambda's idempotency table and Powertools' key prefix there (the deployed function's name). */
  idempotencyTable: string;
  keyPrefix: string;
  /** `awsRegion` of the replayed records. */
  region: string;
  /** After enqueuing, poll the queue until it is empty (default true). */
  wait?: boolean;
  /** Between readings of the queue depth (default 5,000 ms). */
  pollMs?: number;
  /** Keys per listing page (default 1,000, S3's most). */
  pageSize?: number;
  /** Listing pages filtered and sent at once (default 4). */
  pagesInFlight?: number;
  /** SendMessageBatch calls in flight per page (default 16). */
  sendConcurrency?: number;
  /**
   * S3 records per replay message (default DEFAULT_RECORDS_PER_MESSAGE; at most 256 KiB of them, SQS's
   * limit). The lambda processes every record of a message and
   * fails the message when any of its objects failed: the redelivery replays the others as duplicates.
   */
  recordsPerMessage?: number;
  /** Stops listing: the pages under way are sent, then the command ends without waiting. */
  signal?: AbortSignal;
  onProgress?: (progress: QueueBackfillProgress) => void;
  onDepth?: (depth: QueueDepth, elapsedMs: number) => void;
}

export interface QueueBackfillProgress {
  listed: number;
  alreadyDone: number;
  enqueued: number;
  elapsedMs: number;
}

export interface QueueBackfillSummary {
  listed: number;
  selected: number;
  /** Skipped before enqueueing: the idempotency table records them as done. */
  alreadyDone: number;
  enqueued: number;
  /** Messages SQS refused; their objects are not replayed (re-run to retry). */
  failed: number;
  failures: string[];
  interrupted: boolean;
  /** Listing, filtering and sending. */
  enqueueMs: number;
  /** The queue when the command ended; undefined when it did not look (`wait: false`). */
  queue?: QueueDepth & { drained: boolean };
  /** Messages that reached the dead-letter queue while the command ran. */
  newDeadLetters: number;
  elapsedMs: number;
}

/**
 * Replays a prefix through the deployed lambdas: lists it page by page, drops what `select` rejects
 * and what the idempotency table records as done (BatchGetItem), and sends the remaining objects as
 * S3-notification-shaped messages (several records each) to the lambda's queue (SendMessageBatch),
 * where the event source mapping delivers them as it delivers S3's own. Then follows the queue until it is empty.
 * Re-running resumes: done objects are skipped; objects sent but not yet processed are sent again and
 * the lambda's idempotency makes the second delivery a duplicate.
 */
export async function backfillViaQueue(
  clients: QueueBackfillClients,
  options: QueueBackfillOptions
): Promise<QueueBackfillSummary> {
  const started = Date.now();
  const deadLettersBefore = options.deadLetterUrl
    ? (await queueDepth(clients.sqs, options.queueUrl, options.deadLetterUrl)).deadLetters
    : 0;
  const eventTime = new Date(started);
  const counts = { listed: 0, selected: 0, alreadyDone: 0, enqueued: 0, failed: 0 };
  const failures: string[] = [];
  let interrupted = false;
  const progress = (): void =>
    options.onProgress?.({
      listed: counts.listed,
      alreadyDone: counts.alreadyDone,
      enqueued: counts.enqueued,
      elapsedMs: Date.now() - started
    });
  const running = new Set<Promise<void>>();
  const enqueuePage = async (page: CreatedChange[]): Promise<void> => {
    const { pending, done } = await partitionDone(clients.dynamodb, page, {
      table: options.idempotencyTable,
      keyPrefix: options.keyPrefix
    });
    counts.alreadyDone += done;
    const messages = packReplayMessages(pending as CreatedChange[], options.region, eventTime, {
      recordsPerMessage: options.recordsPerMessage ?? DEFAULT_RECORDS_PER_MESSAGE
    });
    const outgoing = messages.map((message) => ({ body: message.body, objects: message.keys.length }));
    const result = await sendMessages(clients.sqs, options.queueUrl, outgoing, {
      ...(options.sendConcurrency ? { concurrency: options.sendConcurrency } : {}),
      onSent: (sent) => {
        counts.enqueued += sent;
        progress();
      }
    });
    for (const failure of result.failed) {
      counts.failed += failure.objects;
      const keys = messages.find((message) => message.body === failure.body)?.keys ?? ['?'];
      for (const key of keys.slice(0, MAX_FAILURE_SAMPLES - failures.length))
        failures.push(`${key}: ${failure.reason}`);
    }
    progress();
  };
  let error: unknown;
  for await (const listing of listObjectPages(
    clients.s3,
    options.bucket,
    options.prefix,
    options.suffix,
    options.pageSize
  )) {
    if (options.signal?.aborted) {
      interrupted = true;
      break;
    }
    counts.listed += listing.length;
    const page = options.select ? listing.filter((c) => options.select!(c.object.key)) : listing;
    counts.selected += page.length;
    const task: Promise<void> = enqueuePage(page).then(
      () => {
        running.delete(task);
      },
      (thrown: unknown) => {
        running.delete(task);
        error ??= thrown;
      }
    );
    running.add(task);
    if (running.size >= (options.pagesInFlight ?? 4)) await Promise.race(running);
    if (error) break;
  }
  await Promise.all(running);
  if (error) throw error;
  const enqueueMs = Date.now() - started;
  progress();
  let queue: QueueBackfillSummary['queue'];
  if (interrupted) {
    const depth = await queueDepth(clients.sqs, options.queueUrl, options.deadLetterUrl);
    queue = { ...depth, drained: depth.waiting + depth.inFlight === 0 };
  } else if (options.wait ?? true) {
    const watched = await waitForEmptyQueue(clients.sqs, options.queueUrl, {
      ...(options.deadLetterUrl ? { deadLetterUrl: options.deadLetterUrl } : {}),
      pollMs: options.pollMs ?? 5000,
      ...(options.signal ? { signal: options.signal } : {}),
      onDepth: (depth) => options.onDepth?.(depth, Date.now() - started)
    });
    queue = { ...watched.depth, drained: watched.drained };
    if (!watched.drained) interrupted = true;
  }
  return {
    ...counts,
    failures,
    interrupted,
    enqueueMs,
    ...(queue ? { queue } : {}),
    newDeadLetters: queue && options.deadLetterUrl ? Math.max(0, queue.deadLetters - deadLettersBefore) : 0,
    elapsedMs: Date.now() - started
  };
}

/** One line of enqueue progress. */
export function formatQueueProgress(progress: QueueBackfillProgress): string {
  const rate = progress.elapsedMs > 0 ? (progress.listed * 1000) / progress.elapsedMs : 0;
  return (
    `listed ${progress.listed}, already done ${progress.alreadyDone}, enqueued ${progress.enqueued}  ` +
    `${rate.toFixed(0)} files/s`
  );
}

/** One line of queue progress while the lambdas work. */
export function formatQueueDepth(depth: QueueDepth, elapsedMs: number): string {
  return (
    `queue: ${depth.waiting} waiting, ${depth.inFlight} in flight, ${depth.deadLetters} in the dead-letter queue` +
    `  (${(elapsedMs / 1000).toFixed(0)} s)`
  );
}

export function formatQueueSummary(summary: QueueBackfillSummary): string {
  const seconds = (ms: number): string => (ms / 1000).toFixed(1);
  const queue = summary.queue;
  return [
    `listed ${summary.listed}, selected ${summary.selected}${summary.interrupted ? ' (interrupted)' : ''}; ` +
      `already done ${summary.alreadyDone} (skipped), enqueued ${summary.enqueued}, failed to enqueue ${summary.failed} ` +
      `in ${seconds(summary.enqueueMs)} s`,
    queue === undefined
      ? `queue not followed (--detach): watch ApproximateNumberOfMessages of the queue and its dead-letter queue`
      : queue.drained
        ? `queue empty after ${seconds(summary.elapsedMs)} s; dead-letter queue: +${summary.newDeadLetters} messages (${queue.deadLetters} in all)`
        : `queue still holds ${queue.waiting} waiting and ${queue.inFlight} in flight; re-run to resume (done files are skipped)`,
    ...summary.failures.map((failure) => `  not enqueued (re-run to retry): ${failure}`)
  ].join('\n');
}
