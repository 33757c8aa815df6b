import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { objectVersionTag, type ObjectChange, type ObjectRef } from './notifications';
import { readObjectBounded, type ObjectReader } from './read-object';
import { type Observability } from './observability';
import type { TableRow } from '@reporting/checkpoint-store';
import { concurrencyLimit, GroupCommit, ReportingError } from '@reporting/utils';
import type { CheckpointSink, SinkAppendResult, SourceBatch } from './checkpoint-sink';
import type { FileProcessor, FileVerdict } from './file-processor';
import type { IdempotencyWrapper, ObjectIdentity } from './idempotency';
import {
  CheckpointSaveError,
  type ChangeProcessor,
  type ChangeResult,
  type ObjectOutcome,
  type ObjectPreview
} from './outcomes';
import { writeQuarantineRecord } from './quarantine';

interface CheckpointEntry<Row> extends SourceBatch<Row> {
  dimensions: Record<string, string>;
}

interface AttemptContext<Row> {
  attempt: string;
  committer: GroupCommit<CheckpointEntry<Row>, SinkAppendResult>;
  object: ObjectRef;
}

/** Where the reliability suite may simulate a crash. */
export type CrashPoint = 'afterRead' | 'afterCommit';

export interface ObjectProcessorDeps<Row = TableRow> {
  s3: S3Client;
  /** Parses and validates one file's bytes and routes its rows to a checkpoint. */
  fileProcessor: FileProcessor<Row>;
  sink: CheckpointSink<Row>;
  observability: Observability;
  idempotency: IdempotencyWrapper;
  /** Larger files are quarantined after reading at most this many bytes + 1. */
  maxFileBytes: number;
  /** Where quarantine records of invalid files go (`{prefix}dt=YYYY-MM-DD/<id>.json`). */
  quarantine: { bucket: string; prefix: string };
  /** How an object version is read (default readObjectBounded with `s3`; the backfill's createDirectObjectReader). */
  readObject?: ObjectReader;
  /** Objects read from S3 at once (default 64): bounds memory and connections for large batches and backfills. */
  readConcurrency?: number;
  now?: () => Date;
  /**
   * Test seam for crash injection at named points (the reliability suite): a hook may throw, or never
   * settle to simulate a process that dies there. Not set in production.
   */
  crashPoints?: Partial<Record<CrashPoint, (object: ObjectRef) => Promise<void>>>;
}

export function identityOf(object: ObjectRef): ObjectIdentity {
  return { bucket: object.bucket, key: object.key, version: objectVersionTag(object) };
}

const idOf = (identity: ObjectIdentity): string => `${identity.bucket}\0${identity.key}\0${identity.version}`;

/**
 * Processes the object changes of one invocation: each new object version is read and handed to the
 * file processor once; all rows are appended with one commit per checkpoint; invalid files are
 * quarantined; transient failures are returned as `failed` for the trigger to redeliver.
 */
export class ObjectProcessor<Row = TableRow> implements ChangeProcessor {
  private readonly processOnce: (
    identity: ObjectIdentity,
    context: AttemptContext<Row>
  ) => Promise<ObjectOutcome>;
  private readonly now: () => Date;
  private readonly limitReads: <T>(task: () => Promise<T>) => Promise<T>;
  private readonly readObject: ObjectReader;

  public constructor(private readonly deps: ObjectProcessorDeps<Row>) {
    this.processOnce = deps.idempotency((_identity, context: AttemptContext<Row>) =>
      this.processObject(context)
    );
    this.now = deps.now ?? (() => new Date());
    this.limitReads = concurrencyLimit(deps.readConcurrency ?? 64);
    this.readObject = deps.readObject ?? ((object, maxBytes) => readObjectBounded(deps.s3, object, maxBytes));
  }

  /** Results in the order of `changes`. Never throws for one object's failure. */
  public async processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]> {
    const attempt = randomUUID();
    const created = changes.filter((c) => c.kind === 'created');
    const unique = new Map(created.map((c) => [idOf(identityOf(c.object)), c]));
    const committer = new GroupCommit<CheckpointEntry<Row>, SinkAppendResult>(unique.size, (key, entries) =>
      this.commit(key, entries)
    );
    const firstSeen = new Set<string>();
    return Promise.all(
      changes.map(async (change): Promise<ChangeResult> => {
        if (change.kind === 'test') return { status: 'ignored', reason: 's3:TestEvent' };
        if (change.kind === 'removed') {
          this.deps.observability.logger.info('object removed; nothing to do', { key: change.object.key });
          return { status: 'ignored', reason: change.eventName };
        }
        const identity = identityOf(change.object);
        const id = idOf(identity);
        if (firstSeen.has(id)) return { status: 'duplicate' }; // same version twice in one batch
        firstSeen.add(id);
        try {
          const outcome = await this.processOnce(identity, { attempt, committer, object: change.object });
          // A replayed result carries the attempt that produced it: this delivery was a duplicate.
          return outcome.attempt === attempt ? outcome : { status: 'duplicate' };
        } catch (error) {
          this.deps.observability.logger.error('object failed; it will be retried', {
            key: change.object.key,
            error: error as Error
          });
          return error instanceof CheckpointSaveError
            ? { status: 'failed', error: error.cause, checkpoint: error.checkpoint }
            : { status: 'failed', error };
        } finally {
          committer.arrive(id);
        }
      })
    );
  }

  /** What processing would do to each created object (reads it, judges it), in order; writes nothing. */
  public async preview(changes: readonly ObjectChange[]): Promise<ObjectPreview[]> {
    const { maxFileBytes } = this.deps;
    const created = changes.filter(
      (c): c is Extract<ObjectChange, { kind: 'created' }> => c.kind === 'created'
    );
    return Promise.all(
      created.map(async ({ object }): Promise<ObjectPreview> => {
        const read = await this.limitReads(() => this.readObject(object, maxFileBytes));
        if (read.status === 'gone' || read.status === 'superseded') return { status: 'gone' };
        if (read.status === 'too-large')
          return {
            status: 'would-quarantine',
            reasons: [`file is ${read.size} bytes, larger than the ${maxFileBytes}-byte limit`]
          };
        const verdict = await this.judge(read.bytes, object);
        if (verdict.kind === 'invalid')
          return { status: 'would-quarantine', reasons: capReasons(verdict.reasons) };
        if (verdict.kind === 'filtered') return { status: 'would-filter', reason: verdict.reason };
        if (verdict.rows.length === 0) return { status: 'would-filter', reason: 'file has no rows' };
        return { status: 'would-append', checkpoint: verdict.checkpoint, rows: verdict.rows.length };
      })
    );
  }

  private async processObject({ attempt, committer, object }: AttemptContext<Row>): Promise<ObjectOutcome> {
    const { s3, maxFileBytes, observability } = this.deps;
    const { logger } = observability;
    // Only the read holds a slot: waiting for the group commit must not block other objects' reads.
    const read = await this.limitReads(() => this.readObject(object, maxFileBytes));
    await this.deps.crashPoints?.afterRead?.(object);
    if (read.status === 'gone' || read.status === 'superseded') {
      logger.warn(
        read.status === 'gone'
          ? 'object deleted before it could be read; acknowledged'
          : 'object overwritten before it could be read; the newer version is processed on its own notification',
        { key: object.key }
      );
      return { status: 'gone', attempt };
    }
    const verdict: FileVerdict<Row> =
      read.status === 'too-large'
        ? {
            kind: 'invalid',
            reasons: [`file is ${read.size} bytes, larger than the ${maxFileBytes}-byte limit`]
          }
        : await this.judge(read.bytes, object);
    if (verdict.kind === 'invalid') {
      // Bounded: the outcome is stored in the idempotency record (400 KB item limit) and logged.
      const reasons = capReasons(verdict.reasons);
      const { bucket, prefix } = this.deps.quarantine;
      const errorKey = await writeQuarantineRecord(s3, bucket, prefix, object, reasons, this.now());
      logger.warn('invalid file quarantined', { key: object.key, reasons, errorKey });
      return { status: 'quarantined', reasons, errorKey, attempt };
    }
    if (verdict.kind === 'filtered') return { status: 'filtered', reason: verdict.reason, attempt };
    if (verdict.rows.length === 0) return { status: 'filtered', reason: 'file has no rows', attempt };
    const { checkpoint, rows } = verdict;
    const source = { key: `s3://${object.bucket}/${object.key}`, version: objectVersionTag(object) };
    const result = await committer
      .submit(idOf(identityOf(object)), checkpoint, { source, rows, dimensions: verdict.dimensions ?? {} })
      .catch((error: unknown) => {
        throw new CheckpointSaveError(checkpoint, error);
      });
    await this.deps.crashPoints?.afterCommit?.(object);
    const skipped = result.skipped.some((s) => s.key === source.key && s.version === source.version);
    if (skipped) return { status: 'already-applied', checkpoint, attempt };
    const { totalRows, bytes } = result;
    return { status: 'appended', checkpoint, attempt, rows: rows.length, totalRows, bytes };
  }

  /**
   * The file processor's verdict. An exception that is not marked retryable (a TransientError or an AWS
   * SDK error) comes from the file's content and would recur on every redelivery, ending in the DLQ:
   * the file is quarantined with the exception as its reason instead.
   */
  private async judge(bytes: Buffer, object: ObjectRef): Promise<FileVerdict<Row>> {
    try {
      return await this.deps.fileProcessor(bytes, { object, logger: this.deps.observability.logger });
    } catch (error) {
      if (isRetryable(error)) throw error;
      return { kind: 'invalid', reasons: [`file could not be processed: ${(error as Error).message}`] };
    }
  }

  private async commit(checkpointKey: string, entries: CheckpointEntry<Row>[]): Promise<SinkAppendResult> {
    const { metrics, logger } = this.deps.observability;
    const dimensions = entries[0].dimensions;
    const started = Date.now();
    try {
      const result = await this.deps.sink.append(checkpointKey, entries);
      const single = metrics.singleMetric();
      single.addDimensions(dimensions);
      single.addMetric('CheckpointsSaved', 'Count', 1);
      single.addMetric('EventsProcessed', 'Count', result.rowsAppended);
      single.addMetric('OutputFileSize', 'Bytes', result.bytes);
      single.addMetric('CheckpointCommitTime', 'Milliseconds', Date.now() - started);
      // A table edit reached this checkpoint: it was rewritten once with the new columns (see the log line).
      if (result.upgraded === true) single.addMetric('CheckpointUpgrades', 'Count', 1);
      logger.info('checkpoint saved', { checkpointKey, ...result, skipped: result.skipped.length });
      return result;
    } catch (error) {
      const single = metrics.singleMetric();
      single.addDimensions(dimensions);
      single.addMetric('CheckpointSaveFailures', 'Count', 1);
      logger.error('checkpoint save failed; its objects will be retried', {
        checkpointKey,
        error: error as Error
      });
      throw error;
    }
  }
}

/** At most this many reasons per quarantined file; the rest are counted. */
export const MAX_REASONS = 50;

export function capReasons(reasons: readonly string[], max: number = MAX_REASONS): string[] {
  if (reasons.length <= max) return [...reasons];
  return [...reasons.slice(0, max), `… and ${reasons.length - max} more problems`];
}

function isRetryable(error: unknown): boolean {
  if (error instanceof ReportingError) return error.retryable;
  return typeof error === 'object' && error !== null && '$metadata' in error;
}
