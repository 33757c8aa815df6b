import type { EventBridgeEvent, S3Event, S3EventRecord, SQSEvent, SQSRecord } from 'aws-lambda';
import { BadRequestError } from '@reporting/utils';
import { decodeS3EventKey } from '@reporting/utils';

/** One S3 object a notification talks about, key decoded. */
export interface ObjectRef {
  bucket: string;
  key: string;
  versionId?: string;
  eTag?: string;
  size?: number;
  sequencer?: string;
}

export type ObjectChange =
  | { kind: 'created'; object: ObjectRef; eventName: string }
  | { kind: 'removed'; object: ObjectRef; eventName: string }
  | { kind: 'test'; bucket: string };

/**
 * The identity of one object version: its ETag (unquoted), else the version id. The ETag comes first
 * because every path that sees an object has it (notifications, EventBridge, listings for backfill),
 * while listings lack version ids: one identity everywhere is what makes exactly-once hold across
 * live delivery and replays. An overwrite with identical bytes keeps its ETag, and is the same event.
 */
export function objectVersionTag(object: ObjectRef): string {
  return object.eTag?.replace(/"/g, '') ?? object.versionId ?? 'unversioned';
}

function fromS3Record(record: S3EventRecord): ObjectChange {
  const { bucket, object } = record.s3 ?? {};
  if (!bucket?.name || typeof object?.key !== 'string') {
    throw new BadRequestError('S3 event record has no s3.bucket.name or s3.object.key');
  }
  const ref: ObjectRef = {
    bucket: bucket.name,
    key: decodeS3EventKey(object.key),
    ...(object.versionId ? { versionId: object.versionId } : {}),
    ...(object.eTag ? { eTag: object.eTag } : {}),
    ...(typeof object.size === 'number' ? { size: object.size } : {}),
    ...(object.sequencer ? { sequencer: object.sequencer } : {})
  };
  const eventName = String(record.eventName ?? '');
  return { kind: eventName.startsWith('ObjectRemoved') ? 'removed' : 'created', object: ref, eventName };
}

/** Changes in an S3 notification body (`{Records: […]}`) or an `s3:TestEvent`. */
export function parseS3Notification(body: unknown): ObjectChange[] {
  if (body && typeof body === 'object') {
    const candidate = body as Partial<S3Event> & { Event?: string; Bucket?: string };
    if (candidate.Event === 's3:TestEvent') return [{ kind: 'test', bucket: String(candidate.Bucket ?? '') }];
    if (Array.isArray(candidate.Records)) return candidate.Records.map(fromS3Record);
  }
  throw new BadRequestError('not an S3 event notification: expected {"Records": [...]} or an s3:TestEvent');
}

/** Changes carried by one SQS message whose body is an S3 notification (S3 → SQS). */
export function parseSqsS3Message(record: SQSRecord): ObjectChange[] {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new BadRequestError(`SQS message ${record.messageId} body is not JSON`);
  }
  return parseS3Notification(body);
}

interface EventBridgeObjectDetail {
  bucket?: { name?: string };
  object?: { key?: string; 'version-id'?: string; etag?: string; size?: number; sequencer?: string };
}

/** An EventBridge "Object Created"/"Object Deleted" event (its key is NOT form-encoded). */
export function parseEventBridgeS3(event: EventBridgeEvent<string, EventBridgeObjectDetail>): ObjectChange {
  const { bucket, object } = event.detail ?? {};
  if (!bucket?.name || typeof object?.key !== 'string') {
    throw new BadRequestError('EventBridge S3 event has no detail.bucket.name or detail.object.key');
  }
  const ref: ObjectRef = {
    bucket: bucket.name,
    key: object.key,
    ...(object['version-id'] ? { versionId: object['version-id'] } : {}),
    ...(object.etag ? { eTag: object.etag } : {}),
    ...(typeof object.size === 'number' ? { size: object.size } : {}),
    ...(object.sequencer ? { sequencer: object.sequencer } : {})
  };
  const eventName = event['detail-type'];
  return { kind: eventName === 'Object Created' ? 'created' : 'removed', object: ref, eventName };
}

export type TriggerEvent =
  | { trigger: 'sqs'; event: SQSEvent }
  | { trigger: 's3'; changes: ObjectChange[] }
  | { trigger: 'eventbridge'; changes: ObjectChange[] };

/** Recognises how a lambda was invoked; a malformed event is a BadRequestError naming what is missing. */
export function classifyTrigger(event: unknown): TriggerEvent {
  if (!event || typeof event !== 'object')
    throw new BadRequestError('invocation event must be a JSON object');
  const candidate = event as {
    Records?: { eventSource?: string }[];
    source?: string;
    'detail-type'?: string;
  };
  if (Array.isArray(candidate.Records) && candidate.Records.every((r) => r?.eventSource === 'aws:sqs')) {
    return { trigger: 'sqs', event: event as SQSEvent };
  }
  if (candidate.source === 'aws.s3' && typeof candidate['detail-type'] === 'string') {
    return {
      trigger: 'eventbridge',
      changes: [parseEventBridgeS3(event as EventBridgeEvent<string, EventBridgeObjectDetail>)]
    };
  }
  return { trigger: 's3', changes: parseS3Notification(event) };
}
