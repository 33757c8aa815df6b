import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { readCheckpointRows, S3ObjectStore } from '@reporting/checkpoint-store';
import { createIdempotencyTable, startLocalAws, type LocalAws, type LocalQueue } from '@reporting/local-aws';
import type { QuarantineRecord } from '@reporting/object-processing';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { createHandler } from '@reporting/lambda-runtime';
import { main as backfillMain } from './backfill-cli';
import { createRuntime, type Runtime } from './index';

const INPUT = 'input';
const ANALYTICS = 'analytics';
const PREFIX = 'prod/';
const ENV = {
  SOURCE_BUCKET: INPUT,
  SOURCE_PREFIX: PREFIX,
  CHECKPOINT_BUCKET: ANALYTICS,
  IDEMPOTENCY_TABLE: 'idempotency',
  LOG_LEVEL: 'SILENT',
  POWERTOOLS_METRICS_DISABLED: 'true'
};
const checkpointOf = (study: string, datatype: string) => `checkpoints/${study}/${datatype}/events.parquet`;

describe('the lambda on the local stack: S3 → notification → queue → handler → checkpoint', () => {
  let stack: LocalAws;
  let s3: S3Client;
  let runtime: Runtime;
  let queue: LocalQueue;

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: [INPUT, ANALYTICS] } });
    s3 = stack.s3Client();
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
    runtime = createRuntime(ENV, { s3, dynamodb: stack.dynamoDbClient() });
    const handler = createHandler(() => runtime);
    queue = stack.createQueue({
      name: 'notifications',
      handler: async (event, context) => (await handler(event, context)) as never,
      batchSize: 10,
      // S3 delivers at least once: every notification arrives twice, in shuffled order.
      deliveriesPerMessage: 2,
      shuffle: true,
      seed: 3
    });
    stack.s3.putBucketNotificationConfiguration(INPUT, {
      queueConfigurations: [{ queue, events: ['s3:ObjectCreated:*'], prefix: PREFIX, suffix: '.json' }]
    });
  });
  afterAll(() => stack.stop());

  const upload = (key: string, body: string) =>
    s3.send(new PutObjectCommand({ Bucket: INPUT, Key: `${PREFIX}${key}`, Body: body }));

  async function quarantined(): Promise<QuarantineRecord[]> {
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: ANALYTICS, Prefix: 'errors/' }));
    return Promise.all(
      (listed.Contents ?? []).map(async (item) => {
        const got = await s3.send(new GetObjectCommand({ Bucket: ANALYTICS, Key: item.Key! }));
        return JSON.parse(await got.Body!.transformToString()) as QuarantineRecord;
      })
    );
  }

  it('appends every valid file exactly once and quarantines the invalid one with its reasons', async () => {
    const records = ['A1', 'A2', 'A3'].map((ptid) => ({ ...VISIT_EVENT_EXAMPLE, ptid }));
    for (const [i, record] of records.entries()) await upload(`r${i}.json`, JSON.stringify(record));
    await upload('broken.json', JSON.stringify({ ...VISIT_EVENT_EXAMPLE, visit_date: '2024-02-30' }));
    await upload('ignored.txt', 'not a notification: wrong suffix');
    await queue.drained(60_000);

    const store = new S3ObjectStore(s3, ANALYTICS);
    const rows = await readCheckpointRows(
      store,
      checkpointOf(VISIT_EVENT_EXAMPLE.study!, VISIT_EVENT_EXAMPLE.datatype)
    );
    expect(rows.map((r) => r.ptid).sort()).toEqual(['A1', 'A2', 'A3']);
    expect(rows.map((r) => r.source_key).sort()).toEqual(
      ['r0', 'r1', 'r2'].map((name) => `s3://${INPUT}/${PREFIX}${name}.json`)
    );
    expect(await quarantined()).toEqual([
      expect.objectContaining({
        source_key: `${PREFIX}broken.json`,
        reasons: ['visit_date: "2024-02-30" is not a real calendar date (expected YYYY-MM-DD)']
      })
    ]);
    expect(queue.deadLetters).toEqual([]);
  });

  it('backfills files that arrived before any notification, through the same code, once', async () => {
    stack.s3.putBucketNotificationConfiguration(INPUT, { queueConfigurations: [] }, { sendTestEvent: false });
    await upload(
      'history/old.json',
      JSON.stringify({ ...VISIT_EVENT_EXAMPLE, ptid: 'H1', datatype: 'apoe', module: null })
    );
    const saved = { ...process.env };
    Object.assign(process.env, ENV, stack.environment());
    const out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // The three valid files and the quarantined one are remembered: only the new file is processed.
      expect(await backfillMain([])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('processed 1, skipped as duplicates 4');
      // Worker threads (one runtime each) find the same objects already done.
      expect(await backfillMain(['--prefix', `${PREFIX}history/`, '--workers', '2'])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('processed 0, skipped as duplicates 1');
    } finally {
      out.mockRestore();
      err.mockRestore();
      process.env = saved;
    }
    const rows = await readCheckpointRows(
      new S3ObjectStore(s3, ANALYTICS),
      checkpointOf(VISIT_EVENT_EXAMPLE.study!, 'apoe')
    );
    expect(rows.map((r) => r.ptid)).toEqual(['H1']);
  });
});
