import { PutObjectCommand } from '@aws-sdk/client-s3';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { QuarantineRecord } from '@reporting/schemas';
import { LocalPipeline, type LambdaFactory } from './local-pipeline';

/**
 * A stand-in lambda: writes one quarantine record per received object into the checkpoint bucket,
 * records an idempotency item, and fails (for redelivery) every key containing "fail".
 */
const recorder =
  (seen: string[]): LambdaFactory =>
  (env, { s3, dynamodb }) =>
  async (event) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      const body = JSON.parse(record.body) as { Records?: { s3: { object: { key: string } } }[] };
      for (const { s3: ref } of body.Records ?? []) {
        const key = decodeURIComponent(ref.object.key.replace(/\+/g, ' '));
        seen.push(key);
        if (key.includes('fail')) {
          failures.push({ itemIdentifier: record.messageId });
          continue;
        }
        const quarantine: QuarantineRecord = {
          source_bucket: env.SOURCE_BUCKET,
          source_key: key,
          source_version: 'v',
          reasons: ['seen'],
          quarantined_at: '2024-01-01T00:00:00.000Z'
        };
        await s3.send(
          new PutObjectCommand({
            Bucket: env.CHECKPOINT_BUCKET,
            Key: `errors/dt=2024-01-01/${seen.length}.json`,
            Body: JSON.stringify(quarantine)
          })
        );
        await dynamodb.send(
          new PutItemCommand({ TableName: env.IDEMPOTENCY_TABLE, Item: { id: { S: key } } })
        );
      }
    }
    return { batchItemFailures: failures };
  };

describe('the local pipeline', () => {
  let pipeline: LocalPipeline;
  const seen: string[] = [];

  beforeAll(async () => {
    pipeline = await LocalPipeline.start({
      lambda: recorder(seen),
      queue: { maxReceiveCount: 2, visibilityTimeoutMs: 300, functionTimeoutMs: 200 },
      environment: { LOG_LEVEL: 'INFO' }
    });
  });
  afterAll(() => pipeline.stop());

  it('delivers uploads under the prefix with the suffix to the lambda, with its environment', async () => {
    await pipeline.uploadAll([
      { key: 'prod/a b.json', body: '{}' },
      { key: 'prod/ignored.txt', body: 'x' },
      { key: 'other/ignored.json', body: '{}' }
    ]);
    await pipeline.queue.drained(20_000);
    expect(seen).toEqual(['prod/a b.json']);
    expect(pipeline.environment).toMatchObject({
      SOURCE_BUCKET: 'events',
      CHECKPOINT_BUCKET: 'analytics',
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'INFO'
    });
    expect(pipeline.exports()).toHaveProperty('AWS_ENDPOINT_URL_S3');
    expect((await pipeline.quarantine()).map((r) => r.source_key)).toEqual(['prod/a b.json']);
    expect(pipeline.errorsPrefix).toBe('errors/');
  });

  it('redelivers failed messages and dead-letters them after the last receive', async () => {
    await pipeline.upload('prod/fail.json', '{}');
    await pipeline.queue.drained(20_000);
    expect(seen.filter((key) => key === 'prod/fail.json')).toHaveLength(2);
    expect(pipeline.queue.deadLetters).toHaveLength(1);
  });

  it('invokes the lambda directly, and reads back what it wrote', async () => {
    const { bodies, queue } = pipeline.captureNotifications();
    await pipeline.upload('prod/direct.json', '{}');
    await queue.drained(20_000);
    // S3's test event first (as in production), then the object's notification.
    expect(bodies.map((b) => JSON.parse(b).Event ?? 'record')).toEqual(['s3:TestEvent', 'record']);
    expect(await pipeline.invokeWith(bodies)).toEqual({ batchItemFailures: [] });
    const keys = await pipeline.checkpointKeys('errors/');
    expect(keys).toHaveLength(2);
    expect(JSON.parse(Buffer.from(await pipeline.checkpointBytes(keys[1])).toString())).toMatchObject({
      source_key: 'prod/direct.json'
    });
    expect(pipeline.environments.invocations).toBeGreaterThanOrEqual(4);
  });

  it("injects faults into the lambda's requests only, and counts them", async () => {
    pipeline.setFaults(
      { rate: 1, kinds: ['internal-error'], seed: 1 },
      { rate: 0, kinds: ['internal-error'], seed: 1 }
    );
    await pipeline.upload('prod/faulty.json', '{}'); // the test's own upload is never faulted
    const { bodies, queue } = pipeline.captureNotifications();
    await pipeline.upload('prod/faulty-2.json', '{}');
    await queue.drained(20_000);
    await expect(pipeline.invokeWith(bodies)).rejects.toThrow();
    const injected = pipeline.clearFaults();
    expect(Object.values(injected.s3).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});
