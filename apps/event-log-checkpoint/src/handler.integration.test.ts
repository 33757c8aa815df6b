import type { Context } from 'aws-lambda';
import { DeleteObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { encodeS3EventKey } from '@reporting/utils';
import { GENERIC_SERVER_ERROR } from '@reporting/utils';
import { createHandler, createLambdaRuntime } from '@reporting/lambda-runtime';
import { eventLogLambda } from './event-log-lambda';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import { EVENTS_BUCKET, EVENT_PREFIX, startPipeline, type Pipeline } from './testing/event-log-pipeline';

const context = {
  awsRequestId: 'req-1',
  functionName: 'event-log-checkpoint',
  getRemainingTimeInMillis: () => 30_000
} as Context;

const CHECKPOINT = 'checkpoints/dvcid/form/events.parquet';

describe('handler invoked directly (S3 notification, EventBridge)', () => {
  let pipeline: Pipeline;
  let handler: ReturnType<typeof createHandler>;

  beforeAll(async () => {
    pipeline = await startPipeline();
    // No bucket notification here: the tests invoke the handler themselves.
    pipeline.stack.s3.putBucketNotificationConfiguration(
      EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    handler = createHandler(() => pipeline.runtime);
  });
  afterAll(() => pipeline.stop());

  async function put(key: string, body: string): Promise<string> {
    await pipeline.upload(key, body);
    const head = await pipeline.s3.send(new HeadObjectCommand({ Bucket: EVENTS_BUCKET, Key: key }));
    return head.ETag!.replace(/"/g, '');
  }

  const s3Event = (key: string, eTag: string, eventName = 'ObjectCreated:Put') => ({
    Records: [
      {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        eventName,
        s3: { bucket: { name: EVENTS_BUCKET }, object: { key: encodeS3EventKey(key), eTag, size: 10 } }
      }
    ]
  });

  it('answers 200 with the processing metrics, and skips a repeated notification as a duplicate', async () => {
    const key = `${EVENT_PREFIX}direct one.json`;
    const eTag = await put(key, JSON.stringify({ ...SAMPLE_EVENT, ptid: 'D1' }));
    const first = await handler(s3Event(key, eTag), context);
    expect(first).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((first as { body: string }).body)).toMatchObject({
      processed: 1,
      duplicates: 0,
      failed: 0
    });
    const again = await handler(s3Event(key, eTag), context);
    expect(JSON.parse((again as { body: string }).body)).toMatchObject({ processed: 0, duplicates: 1 });
    const rows = await pipeline.checkpointRows(CHECKPOINT);
    expect(rows.filter((r) => r.ptid === 'D1')).toHaveLength(1);
  });

  it('accepts EventBridge "Object Created" events (keys not encoded)', async () => {
    const key = `${EVENT_PREFIX}bridge + two.json`;
    const eTag = await put(key, JSON.stringify({ ...SAMPLE_EVENT, ptid: 'E2' }));
    const result = await handler(
      {
        version: '0',
        source: 'aws.s3',
        'detail-type': 'Object Created',
        detail: { bucket: { name: EVENTS_BUCKET }, object: { key, etag: eTag, size: 10 } }
      },
      context
    );
    expect(result).toMatchObject({ statusCode: 200 });
    expect(
      (await pipeline.checkpointRows(CHECKPOINT)).some((r) => r.source_key === `s3://${EVENTS_BUCKET}/${key}`)
    ).toBe(true);
  });

  it('acknowledges test events, removals, deleted and overwritten objects without processing them', async () => {
    expect(
      await handler({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: EVENTS_BUCKET }, context)
    ).toMatchObject({
      statusCode: 200
    });
    expect(
      await handler(s3Event(`${EVENT_PREFIX}x.json`, 'abc', 'ObjectRemoved:Delete'), context)
    ).toMatchObject({
      statusCode: 200
    });
    const deleted = `${EVENT_PREFIX}deleted.json`;
    const eTag = await put(deleted, JSON.stringify(SAMPLE_EVENT));
    await pipeline.s3.send(new DeleteObjectCommand({ Bucket: EVENTS_BUCKET, Key: deleted }));
    const gone = await handler(s3Event(deleted, eTag), context);
    expect(JSON.parse((gone as { body: string }).body)).toMatchObject({
      processed: 0,
      failed: 0,
      quarantined: 0
    });
    const overwritten = `${EVENT_PREFIX}overwritten.json`;
    const oldTag = await put(overwritten, JSON.stringify({ ...SAMPLE_EVENT, ptid: 'OLD' }));
    await put(overwritten, JSON.stringify({ ...SAMPLE_EVENT, ptid: 'NEW' }));
    await handler(s3Event(overwritten, oldTag), context);
    expect(
      (await pipeline.checkpointRows(CHECKPOINT)).some((r) => r.ptid === 'OLD' || r.ptid === 'NEW')
    ).toBe(false);
  });

  it('quarantines a file over the size limit without reading it whole', async () => {
    const key = `${EVENT_PREFIX}huge.json`;
    const eTag = await put(key, JSON.stringify({ ...SAMPLE_EVENT, gear_name: 'x'.repeat(1_100_000) }));
    const result = await handler(s3Event(key, eTag), context);
    expect(JSON.parse((result as { body: string }).body)).toMatchObject({ quarantined: 1 });
    const record = (await pipeline.quarantine()).find((q) => q.source_key === key);
    expect(record?.reasons[0]).toMatch(/^file is \d+ bytes, larger than the 1048576-byte limit$/);
  });

  it('answers 207 and names the failure count when S3 fails transiently', async () => {
    const key = `${EVENT_PREFIX}flaky.json`;
    const eTag = await put(key, JSON.stringify({ ...SAMPLE_EVENT, ptid: 'F1' }));
    pipeline.stack.s3.setFaults({ rate: 1, kinds: ['internal-error'], seed: 1, match: (r) => r.key === key });
    try {
      const result = await handler(s3Event(key, eTag), context);
      expect(result).toMatchObject({ statusCode: 207 });
      expect(JSON.parse((result as { body: string }).body)).toMatchObject({ failed: 1 });
    } finally {
      pipeline.stack.s3.setFaults(undefined);
    }
    // The redelivery succeeds: the failed attempt left no idempotency record behind.
    expect(await handler(s3Event(key, eTag), context)).toMatchObject({ statusCode: 200 });
    expect((await pipeline.checkpointRows(CHECKPOINT)).filter((r) => r.ptid === 'F1')).toHaveLength(1);
  });

  it('rethrows for EventBridge so that Lambda retries the asynchronous invocation', async () => {
    const key = `${EVENT_PREFIX}flaky-bridge.json`;
    const eTag = await put(key, JSON.stringify(SAMPLE_EVENT));
    pipeline.stack.s3.setFaults({ rate: 1, kinds: ['internal-error'], seed: 1, match: (r) => r.key === key });
    try {
      await expect(
        handler(
          {
            source: 'aws.s3',
            'detail-type': 'Object Created',
            detail: { bucket: { name: EVENTS_BUCKET }, object: { key, etag: eTag } }
          },
          context
        )
      ).rejects.toThrow('1 object(s) failed and will be retried');
    } finally {
      pipeline.stack.s3.setFaults(undefined);
    }
  });

  it('answers 400 with a descriptive message for a malformed invocation event', async () => {
    expect(await handler({ hello: 'world' }, context)).toEqual({
      statusCode: 400,
      body: JSON.stringify({
        message: 'not an S3 event notification: expected {"Records": [...]} or an s3:TestEvent'
      })
    });
  });

  it('answers 400 listing every configuration problem, and fails SQS invocations so nothing is lost', async () => {
    const misconfigured = createHandler(() =>
      createLambdaRuntime(eventLogLambda, { CHECKPOINT_KEY_TEMPLATE: 'x.parquet' })
    );
    const response = await misconfigured(s3Event('k.json', 'e'), context);
    expect(response).toMatchObject({ statusCode: 400 });
    expect(JSON.parse((response as { body: string }).body).message).toBe(
      'Invalid configuration: SOURCE_BUCKET: is required; CHECKPOINT_BUCKET: is required; IDEMPOTENCY_TABLE: is required; ' +
        'CHECKPOINT_KEY_TEMPLATE: "x.parquet" lacks {study} and {datatype}'
    );
    await expect(
      misconfigured({ Records: [{ eventSource: 'aws:sqs', messageId: 'm', body: '{}' }] }, context)
    ).rejects.toThrow('Invalid configuration');
  });

  it('answers 500 with a generic message when something unexpected breaks', async () => {
    const broken = createHandler(() => {
      throw new Error('secret internals');
    });
    expect(await broken(s3Event('k.json', 'e'), context)).toEqual({
      statusCode: 500,
      body: JSON.stringify({ message: GENERIC_SERVER_ERROR })
    });
  });
});
