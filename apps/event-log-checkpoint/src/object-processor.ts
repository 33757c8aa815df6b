import { randomUUID } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import {
  objectVersionTag,
  readObjectBounded,
  type ObjectChange,
  type ObjectRef,
  type Observability
} from '@reporting/aws-helpers';
import type { ProcessingMetrics } from '@reporting/schemas';
import type { LambdaConfig } from './config';
import type { CheckpointSink, SinkAppendResult, SourceBatch } from './checkpoint-sink';
import { checkpointRowFromEvent } from '@reporting/checkpoint-store';
import { parseEventFileName } from './file-name';
import { concurrencyLimit } from './concurrency-limit';
import { GroupCommit } from './group-commit';
import { parseEventFile } from './parse-event-file';
import { writeQuarantineRecord } from './quarantine';
import { checkpointKeyFor, isSandboxProject } from './routing';

/** The idempotency payload: one object version. */
export interface ObjectIdentity {
  bucket: string;
  key: string;
  version: string;
}

/** What happened to one object (JSON: it is what the idempotency layer stores and replays). */
export type ObjectOutcome =
  | { status: 'appended'; checkpoint: string; attempt: string }
  | { status: 'already-applied'; checkpoint: string; attempt: string }
  | { status: 'quarantined'; reasons: string[]; errorKey: string; attempt: string }
  | { status: 'filtered'; reason: string; attempt: string }
  | { status: 'gone'; attempt: string };

export type ChangeResult =
  | ObjectOutcome
  | { status: 'duplicate' }
  | { status: 'ignored'; reason: string }
  | { status: 'failed'; error: unknown };

interface CheckpointEntry extends SourceBatch {
  study: string;
  datatype: string;
}

type CommitResult = SinkAppendResult;

interface AttemptContext {
  attempt: string;
  committer: GroupCommit<CheckpointEntry, CommitResult>;
  object: ObjectRef;
}

/** Wraps the per-object unit of work so that one object version is processed once (Powertools idempotency). */
export type IdempotencyWrapper = (
  fn: (identity: ObjectIdentity, context: AttemptContext) => Promise<ObjectOutcome>
) => (identity: ObjectIdentity, context: AttemptContext) => Promise<ObjectOutcome>;

export interface ObjectProcessorDeps {
  config: LambdaConfig;
  s3: S3Client;
  sink: CheckpointSink;
  observability: Observability;
  idempotency: IdempotencyWrapper;
  /** Objects read from S3 at once (default 64): bounds memory and connections for large batches and backfills. */
  readConcurrency?: number;
  now?: () => Date;
  /**
   * Test seam for crash injection at named points (the reliability suite): a hook may throw, or never
   * settle to simulate a process that dies there. Not set in production.
   */
  crashPoints?: Partial<Record<CrashPoint, (object: ObjectRef) => Promise<void>>>;
}

/** Where the reliability suite may simulate a crash. */
export type CrashPoint = 'afterRead' | 'afterCommit';

export function identityOf(object: ObjectRef): ObjectIdentity {
  return { bucket: object.bucket, key: object.key, version: objectVersionTag(object) };
}

const idOf = (identity: ObjectIdentity): string => `${identity.bucket}\0${identity.key}\0${identity.version}`;

/**
 * Processes the object changes of one invocation: each new object version is read, validated and
 * routed once; all valid rows are appended with one commit per checkpoint; invalid files are
 * quarantined; transient failures are returned as `failed` for the trigger to redeliver.
 */
export class ObjectProcessor {
  private readonly processOnce: (identity: ObjectIdentity, context: AttemptContext) => Promise<ObjectOutcome>;
  private readonly now: () => Date;
  private readonly limitReads: <T>(task: () => Promise<T>) => Promise<T>;

  public constructor(private readonly deps: ObjectProcessorDeps) {
    this.processOnce = deps.idempotency((identity, context) => this.processObject(context));
    this.now = deps.now ?? (() => new Date());
    this.limitReads = concurrencyLimit(deps.readConcurrency ?? 64);
  }

  /** Results in the order of `changes`. Never throws for one object's failure. */
  public async processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]> {
    const attempt = randomUUID();
    const created = changes.filter((c) => c.kind === 'created');
    const unique = new Map(created.map((c) => [idOf(identityOf(c.object)), c]));
    const committer = new GroupCommit<CheckpointEntry, CommitResult>(unique.size, (key, entries) =>
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
          return { status: 'failed', error };
        } finally {
          committer.arrive(id);
        }
      })
    );
  }

  private async processObject({ attempt, committer, object }: AttemptContext): Promise<ObjectOutcome> {
    const { config, s3, observability } = this.deps;
    const { logger } = observability;
    // Only the read holds a slot: waiting for the group commit must not block other objects' reads.
    const read = await this.limitReads(() => readObjectBounded(s3, object, config.maxFileBytes));
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
    const parsed =
      read.status === 'too-large'
        ? {
            valid: false as const,
            reasons: [`file is ${read.size} bytes, larger than the ${config.maxFileBytes}-byte limit`]
          }
        : parseEventFile(read.bytes);
    if (!parsed.valid) {
      const errorKey = await writeQuarantineRecord(
        s3,
        config.checkpointBucket,
        config.errorsPrefix,
        object,
        parsed.reasons,
        this.now()
      );
      logger.warn('invalid event file quarantined', { key: object.key, reasons: parsed.reasons, errorKey });
      return { status: 'quarantined', reasons: parsed.reasons, errorKey, attempt };
    }
    const event = parsed.event;
    if (isSandboxProject(event.project_label)) {
      return { status: 'filtered', reason: `sandbox project ${event.project_label}`, attempt };
    }
    if (!parseEventFileName(object.key)) {
      logger.info('file name does not follow the event-log pattern; content is used', { key: object.key });
    }
    const row = checkpointRowFromEvent(event);
    const checkpoint = checkpointKeyFor(config.checkpointKeyTemplate, row.study, row.datatype);
    const source = { key: `s3://${object.bucket}/${object.key}`, version: objectVersionTag(object) };
    const result = await committer.submit(idOf(identityOf(object)), checkpoint, {
      source,
      rows: [row],
      study: row.study,
      datatype: row.datatype
    });
    await this.deps.crashPoints?.afterCommit?.(object);
    const skipped = result.skipped.some((s) => s.key === source.key && s.version === source.version);
    return { status: skipped ? 'already-applied' : 'appended', checkpoint, attempt };
  }

  private async commit(checkpointKey: string, entries: CheckpointEntry[]): Promise<CommitResult> {
    const { metrics, logger } = this.deps.observability;
    const dimensions = { Study: entries[0].study, Datatype: entries[0].datatype };
    const started = Date.now();
    // A single metric publishes on its first addMetric: one per metric, each with the checkpoint dimensions.
    const emit = (name: string, unit: MetricUnit, value: number): void => {
      const single = metrics.singleMetric();
      single.addDimensions(dimensions);
      single.addMetric(name, unit, value);
    };
    try {
      const result = await this.deps.sink.append(checkpointKey, entries);
      emit('CheckpointsSaved', MetricUnit.Count, 1);
      emit('EventsProcessed', MetricUnit.Count, result.rowsAppended);
      emit('OutputFileSize', MetricUnit.Bytes, result.bytes);
      emit('ExecutionTime', MetricUnit.Milliseconds, Date.now() - started);
      logger.info('checkpoint saved', { checkpointKey, ...result, skipped: result.skipped.length });
      return result;
    } catch (error) {
      emit('CheckpointSaveFailures', MetricUnit.Count, 1);
      logger.error('checkpoint save failed; its objects will be retried', {
        checkpointKey,
        error: error as Error
      });
      throw error;
    }
  }
}

/** The standard result document of a run (schema: processing-metrics). */
export function summarize(results: readonly ChangeResult[], startedAt: number): ProcessingMetrics {
  const count = (status: string) => results.filter((r) => r.status === status).length;
  const checkpoints = new Map<string, number>();
  for (const r of results) {
    if (r.status === 'appended') checkpoints.set(r.checkpoint, (checkpoints.get(r.checkpoint) ?? 0) + 1);
  }
  return {
    processed: count('appended'),
    failed: count('failed'),
    filtered: count('filtered'),
    quarantined: count('quarantined'),
    duplicates: count('duplicate') + count('already-applied'),
    duration_ms: Date.now() - startedAt,
    output_bytes: 0,
    checkpoints: [...checkpoints].map(([key, rows]) => ({
      key,
      rows_appended: rows,
      status: 'saved' as const
    }))
  };
}
