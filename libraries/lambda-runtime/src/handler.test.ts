import type { Metrics } from '@aws-lambda-powertools/metrics';
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
      if (change.object.key.startsWith('bad'))
        return { status: 'quarantined', reasons: ['r'], errorKey: 'e', attempt: 'a' };
      return change.object.key.startsWith('fail')
        ? { status: 'failed', error: new Error('S3 503') }
        : { status: 'appended', checkpoint: 'c', attempt: 'a', rows: 1, totalRows: 1, bytes: 10 };
    });
  }
}

/** What the handler publishes, in order (Powertools' Metrics, recorded). */
class RecordingMetrics {
  public readonly added: Record<string, number>[] = [{}];
  public coldStartCalls: number = 0;
  public addMetric(name: string, _unit: string, value: number): void {
    this.added[this.added.length - 1][name] = value;
  }
  public publishStoredMetrics(): void {
    this.added.push({});
  }
  public captureColdStartMetric(): void {
    this.coldStartCalls++;
  }
  /** Every published set of metrics. */
  public get published(): Record<string, number>[] {
    return this.added.slice(0, -1);
  }
}

function withMetrics(rt: HandlerRuntime): RecordingMetrics {
  const metrics = new RecordingMetrics();
  rt.observability = { ...rt.observability, metrics: metrics as unknown as Metrics };
  return metrics;
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

  it('an SQS batch whose every record failed still publishes its metrics, then fails the invocation', async () => {
    const rt = runtime();
    const metrics = withMetrics(rt);
    const handler = createHandler(() => rt);
    const batch = { Records: [sqsRecord('m1', { Records: [s3Record('fail-1'), s3Record('fail-2')] })] };
    await expect(handler(batch, context)).rejects.toThrow('All records failed processing');
    expect(metrics.published).toEqual([
      expect.objectContaining({ EventsFailed: 2, EventsRetried: 2, EventsQuarantined: 0 })
    ]);
  });

  it('EventsFailed counts quarantined and retried objects; ExecutionTime is the invocation; ColdStart is asked for', async () => {
    const rt = runtime();
    const metrics = withMetrics(rt);
    const handler = createHandler(() => rt);
    const batch = [
      sqsRecord('m1', { Records: [s3Record('ok-1'), s3Record('bad-1'), s3Record('ok-2')] }),
      sqsRecord('m2', { Records: [s3Record('fail-1')] })
    ];
    await handler({ Records: batch }, context);
    await handler({ Records: [s3Record('ok-3')] }, context);
    const [sqs, direct] = metrics.published;
    expect(sqs).toMatchObject({ EventsFailed: 2, EventsQuarantined: 1, EventsRetried: 1, EventsFiltered: 0 });
    expect(sqs.ExecutionTime).toBeGreaterThanOrEqual(0);
    expect(direct).toMatchObject({ EventsFailed: 0 });
    // Powertools publishes ColdStart on the first call of an execution environment only.
    expect(metrics.coldStartCalls).toBe(2);
  });

  it('fails an SQS invocation it cannot start, so that every message is retried and none is lost', async () => {
    const misconfigured = createHandler(() => {
      throw new BadRequestError('no runtime');
    });
    await expect(misconfigured({ Records: [sqsRecord('m', '{}')] }, context)).rejects.toThrow('no runtime');
  });
});
