import type { Context } from 'aws-lambda';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import { createIdempotencyTable, startLocalAws, type LocalAws } from '@reporting/local-aws';
import { parseJsonFile } from './json-file';
import { validateVisitEvent, VISIT_EVENT_EXAMPLE, visitEventTable } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';
import { createHandler } from './handler';
import { createLambdaRuntime, lazyRuntime, type LambdaDefinition } from './runtime';

const EVENT = { ...VISIT_EVENT_EXAMPLE, ptid: 'R1' };

/** The smallest real lambda: one visit event per file, one checkpoint per study. */
const visits = CheckpointTable.of(visitEventTable);
const definition: LambdaDefinition = {
  table: visitEventTable,
  fileProcessor: (config) => {
    if (!config.checkpointKeyTemplate.startsWith('checkpoints/'))
      throw new ConfigurationError(['CHECKPOINT_KEY_TEMPLATE: must start with checkpoints/']);
    return (bytes) => {
      const parsed = parseJsonFile(bytes, validateVisitEvent);
      if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
      return {
        kind: 'rows',
        checkpoint: `checkpoints/${parsed.value.study}.parquet`,
        rows: [visits.rowFromRecord(parsed.value)]
      };
    };
  }
};

const ENV = {
  SOURCE_BUCKET: 'events',
  CHECKPOINT_BUCKET: 'analytics',
  IDEMPOTENCY_TABLE: 'idempotency',
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true'
};

describe('createLambdaRuntime', () => {
  let stack: LocalAws;

  beforeAll(async () => {
    process.env.POWERTOOLS_METRICS_DISABLED = 'true';
    stack = await startLocalAws({ s3: { buckets: ['events', 'analytics'] } });
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
  });
  afterAll(() => stack.stop());

  it('wires configuration, clients, idempotency and the checkpoint sink around the file processor', async () => {
    const s3 = stack.s3Client();
    const runtime = createLambdaRuntime(definition, ENV, { s3, dynamodb: stack.dynamoDbClient() });
    expect(runtime.config).toMatchObject({
      sourceBucket: 'events',
      checkpointBucket: 'analytics',
      errorsPrefix: 'errors/'
    });
    await s3.send(new PutObjectCommand({ Bucket: 'events', Key: 'e.json', Body: JSON.stringify(EVENT) }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'events', Key: 'e.json' }));
    const handler = createHandler(() => runtime);
    const event = {
      Records: [
        {
          eventSource: 'aws:s3',
          eventName: 'ObjectCreated:Put',
          s3: { bucket: { name: 'events' }, object: { key: 'e.json', eTag: head.ETag } }
        }
      ]
    };
    const context = { awsRequestId: 'r', getRemainingTimeInMillis: () => 30_000 } as Context;
    expect(await handler(event, context)).toMatchObject({ statusCode: 200 });
    const again = await handler(event, context);
    expect(JSON.parse((again as { body: string }).body)).toMatchObject({ processed: 0, duplicates: 1 });
    const rows = await visits.readRows(new S3ObjectStore(s3, 'analytics'), 'checkpoints/dvcid.parquet');
    expect(rows.map((r) => r.ptid)).toEqual(['R1']);
  });

  it("reports the configuration's and the file processor's problems as ConfigurationErrors", () => {
    expect(() => createLambdaRuntime(definition, {})).toThrow(
      'Invalid configuration: SOURCE_BUCKET: is required; CHECKPOINT_BUCKET: is required; IDEMPOTENCY_TABLE: is required'
    );
    expect(() =>
      createLambdaRuntime(definition, { ...ENV, CHECKPOINT_KEY_TEMPLATE: 'x/{study}/{datatype}.parquet' })
    ).toThrow('CHECKPOINT_KEY_TEMPLATE: must start with checkpoints/');
  });
});

describe('lazyRuntime', () => {
  it('builds on first use only, and once', () => {
    let built = 0;
    const get = lazyRuntime(() => ++built);
    expect(built).toBe(0);
    expect([get(), get()]).toEqual([1, 1]);
  });
});
