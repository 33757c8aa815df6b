import type { Context, SQSBatchResponse } from 'aws-lambda';
import { createObservability } from './observability';
import { type ObjectChange } from './notifications';
import type { ChangeProcessor, ChangeResult } from './outcomes';
import { BadRequestError, ConfigurationError, GENERIC_SERVER_ERROR } from '@reporting/utils';
import { createHandler, type HandlerRuntime } from './handler';

const context = {
  awsRequestId: 'req-1',
  functionName: 'fn',
  getRemainingTimeInMillis: () => 30_000
} as Context;

/** Results by key: "fail*" keys fail transiently, "throw" makes the whole call throw, others are appended. */
class ScriptedProcessor implements ChangeProcessor {
  public readonly calls: ObjectChange[][] = [];
  public async processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]> {
    this.calls.push([...changes]);
    return changes.map((change): ChangeResult => {
      if (change.kind === 'test') return { status: 'ignored', reason: 's3:TestEvent' };
      if (change.object.key === 'throw') throw new Error('processor broke');
      return change.object.key.startsWith('fail')
        ? { status: 'failed', error: new Error('S3 503') }
        : { status: 'appended', checkpoint: 'c', attempt: 'a' };
    });
  }
}

function runtime(processor = new ScriptedProcessor()): HandlerRuntime & {
  processor: ScriptedProcessor;
  contexts: Context[];
} {
  const contexts: Context[] = [];
  return {
    processor,
    contexts,
    observability: createObservability({ serviceName: 'handler-test', logLevel: 'SILENT' }),
    idempotency: { registerContext: (c) => contexts.push(c) }
  };
}

const s3Record = (key: string) => ({
  eventSource: 'aws:s3',
  eventName: 'ObjectCreated:Put',
  s3: { bucket: { name: 'b' }, object: { key, eTag: 'e', size: 1 } }
});
const sqsRecord = (messageId: string, body: unknown) => ({
  messageId,
  receiptHandle: 'r',
  body: typeof body === 'string' ? body : JSON.stringify(body),
  attributes: {},
  messageAttributes: {},
  md5OfBody: '',
  eventSource: 'aws:sqs',
  eventSourceARN: 'arn:aws:sqs:us-east-1:1:q',
  awsRegion: 'us-east-1'
});

describe('createHandler', () => {
  beforeAll(() => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterAll(() => jest.restoreAllMocks());

  it('SQS: processes every message in one call and reports only messages with failed objects', async () => {
    const rt = runtime();
    const handler = createHandler(() => rt);
    const response = (await handler(
      {
        Records: [
          sqsRecord('m1', { Records: [s3Record('ok-1'), s3Record('ok-2')] }),
          sqsRecord('m2', { Records: [s3Record('fail-1')] }),
          sqsRecord('m3', 'not json'),
          sqsRecord('m4', { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'b' })
        ]
      },
      context
    )) as SQSBatchResponse;
    expect(rt.processor.calls).toHaveLength(1);
    expect(rt.processor.calls[0].map((c) => (c.kind === 'test' ? 'test' : c.object.key))).toEqual([
      'ok-1',
      'ok-2',
      'fail-1',
      'test'
    ]);
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['m2', 'm3']);
    expect(rt.contexts).toEqual([context]);
  });

  it('direct S3: 200 with the processing metrics, 207 when some objects must be retried', async () => {
    const handler = createHandler(() => runtime());
    const ok = await handler({ Records: [s3Record('ok')] }, context);
    expect(ok).toMatchObject({ statusCode: 200 });
    expect(JSON.parse((ok as { body: string }).body)).toMatchObject({ processed: 1, failed: 0 });
    const partial = await handler({ Records: [s3Record('ok'), s3Record('fail')] }, context);
    expect(partial).toMatchObject({ statusCode: 207 });
    expect(JSON.parse((partial as { body: string }).body)).toMatchObject({ processed: 1, failed: 1 });
  });

  it('EventBridge: throws when objects failed, so that Lambda retries the asynchronous invocation', async () => {
    const handler = createHandler(() => runtime());
    const bridge = (key: string) => ({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { bucket: { name: 'b' }, object: { key, etag: 'e' } }
    });
    expect(await handler(bridge('ok'), context)).toMatchObject({ statusCode: 200 });
    await expect(handler(bridge('fail'), context)).rejects.toThrow('1 object(s) failed and will be retried');
  });

  it('answers 400 for a malformed event or a configuration error, 500 with a safe message otherwise', async () => {
    expect(await createHandler(() => runtime())({ hello: 1 }, context)).toEqual({
      statusCode: 400,
      body: JSON.stringify({
        message: 'not an S3 event notification: expected {"Records": [...]} or an s3:TestEvent'
      })
    });
    const misconfigured = createHandler(() => {
      throw new ConfigurationError(['SOURCE_BUCKET: is required']);
    });
    expect(await misconfigured({ Records: [s3Record('k')] }, context)).toEqual({
      statusCode: 400,
      body: JSON.stringify({ message: 'Invalid configuration: SOURCE_BUCKET: is required' })
    });
    const broken = createHandler(() => runtime());
    expect(await broken({ Records: [s3Record('throw')] }, context)).toEqual({
      statusCode: 500,
      body: JSON.stringify({ message: GENERIC_SERVER_ERROR })
    });
  });

  it('fails an SQS invocation it cannot start, so that every message is retried and none is lost', async () => {
    const misconfigured = createHandler(() => {
      throw new BadRequestError('no runtime');
    });
    await expect(misconfigured({ Records: [sqsRecord('m', '{}')] }, context)).rejects.toThrow('no runtime');
  });
});
