import type { S3Event, S3EventRecord } from 'aws-lambda';
import type { ObjectChange } from '@reporting/lambda-runtime';
import { encodeS3EventKey } from '@reporting/utils';

type CreatedChange = Extract<ObjectChange, { kind: 'created' }>;

/** The `s3.configurationId` of replayed records: tells them from S3's own in logs. */
export const REPLAY_CONFIGURATION_ID = 'backfill-replay';

/**
 * SendMessageBatch's limit on the sum of its entries' bodies, and SQS's on one message: 256 KiB
 * (sendMessages cuts its calls by it).
 */
export const SEND_BATCH_BYTES = 256 * 1024;
export const MAX_REPLAY_MESSAGE_BYTES = SEND_BATCH_BYTES;

/** One replayed object as an S3 event record (structure 2.1, key URL-encoded as S3 encodes it). */
function replayRecord(change: CreatedChange, region: string, eventTime: string): S3EventRecord {
  const { object } = change;
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: region,
    eventTime,
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: REPLAY_CONFIGURATION_ID,
      bucket: { name: object.bucket, arn: `arn:aws:s3:::${object.bucket}` },
      object: {
        key: encodeS3EventKey(object.key),
        ...(object.size !== undefined ? { size: object.size } : {}),
        ...(object.eTag !== undefined ? { eTag: object.eTag } : {})
      }
    }
  } as unknown as S3EventRecord; // no userIdentity/requestParameters: a replay has no request behind it
}

/**
 * The SQS message body of replayed objects: an S3 event notification whose `Records` name them — what
 * the lambda's `parseSqsS3Message` reads from S3's own (which carry one record each).
 */
export function replayNotification(
  changes: CreatedChange | readonly CreatedChange[],
  region: string,
  eventTime: Date
): string {
  const time = eventTime.toISOString();
  const list: readonly CreatedChange[] = Array.isArray(changes) ? changes : [changes as CreatedChange];
  return JSON.stringify({ Records: list.map((c) => replayRecord(c, region, time)) } satisfies S3Event);
}

/** One replay message and the objects it carries. */
export interface ReplayMessage {
  body: string;
  /** The objects' keys, in the order of the body's records. */
  keys: string[];
}

/**
 * Packs replayed objects into messages of at most `recordsPerMessage` records and `maxBytes` bytes
 * (UTF-8) each, in listing order. An object whose record alone is larger than `maxBytes` still gets a
 * message of its own (SQS then refuses it, and the summary names it).
 */
export function packReplayMessages(
  changes: readonly CreatedChange[],
  region: string,
  eventTime: Date,
  options: { recordsPerMessage: number; maxBytes?: number }
): ReplayMessage[] {
  const perMessage = Math.max(1, Math.floor(options.recordsPerMessage));
  const maxBytes = options.maxBytes ?? MAX_REPLAY_MESSAGE_BYTES;
  const time = eventTime.toISOString();
  const envelope = Buffer.byteLength('{"Records":[]}');
  const messages: ReplayMessage[] = [];
  let records: string[] = [];
  let keys: string[] = [];
  let bytes = envelope;
  const flush = (): void => {
    if (records.length === 0) return;
    messages.push({ body: `{"Records":[${records.join(',')}]}`, keys });
    records = [];
    keys = [];
    bytes = envelope;
  };
  for (const change of changes) {
    const record = JSON.stringify(replayRecord(change, region, time));
    const size = Buffer.byteLength(record) + (records.length > 0 ? 1 : 0);
    if (records.length >= perMessage || (records.length > 0 && bytes + size > maxBytes)) flush();
    bytes += Buffer.byteLength(record) + (records.length > 0 ? 1 : 0);
    records.push(record);
    keys.push(change.object.key);
  }
  flush();
  return messages;
}
