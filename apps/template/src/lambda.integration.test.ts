import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import { createHandler, createLambdaRuntime } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { LocalPipeline } from '@reporting/test-kit';
import { main as backfillMain } from './backfill-cli';
import { templateLambda } from './lambda';

const INPUT = 'input';
const ANALYTICS = 'analytics';
const PREFIX = 'prod/';
const checkpointOf = (study: string, datatype: string) => `checkpoints/${study}/${datatype}/events.parquet`;

describe('the lambda on the local stack: S3 → notification → queue → handler → checkpoint', () => {
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    pipeline = await LocalPipeline.start({
      name: 'template-lambda',
      lambda: (env, clients) => createHandler(() => createLambdaRuntime(templateLambda, env, clients)),
      buckets: { source: INPUT, checkpoint: ANALYTICS },
      prefix: PREFIX,
      // S3 delivers at least once: every notification arrives twice, in shuffled order.
      queue: { deliveriesPerMessage: 2, shuffle: true, seed: 3 }
    });
  });
  afterAll(() => pipeline.stop());

  const upload = (key: string, body: string) => pipeline.upload(`${PREFIX}${key}`, body);
  const rowsOf = (key: string) =>
    CheckpointTable.of(templateLambda.table).readRows(new S3ObjectStore(pipeline.client, ANALYTICS), key);

  it('appends every valid file exactly once and quarantines the invalid one with its reasons', async () => {
    const records = ['A1', 'A2', 'A3'].map((ptid) => ({ ...VISIT_EVENT_EXAMPLE, ptid }));
    for (const [i, record] of records.entries()) await upload(`r${i}.json`, JSON.stringify(record));
    await upload('broken.json', JSON.stringify({ ...VISIT_EVENT_EXAMPLE, visit_date: '2024-02-30' }));
    await upload('ignored.txt', 'not a notification: wrong suffix');
    await pipeline.queue.drained(60_000);

    const rows = await rowsOf(checkpointOf(VISIT_EVENT_EXAMPLE.study!, VISIT_EVENT_EXAMPLE.datatype));
    expect(rows.map((r) => r.ptid).sort()).toEqual(['A1', 'A2', 'A3']);
    expect(rows.map((r) => r.source_key).sort()).toEqual(
      ['r0', 'r1', 'r2'].map((name) => `s3://${INPUT}/${PREFIX}${name}.json`)
    );
    expect(await pipeline.quarantine()).toEqual([
      expect.objectContaining({
        source_key: `${PREFIX}broken.json`,
        reasons: ['visit_date: "2024-02-30" is not a real calendar date (expected YYYY-MM-DD)']
      })
    ]);
    expect(pipeline.queue.deadLetters).toEqual([]);
  });

  it('backfills files that arrived before any notification, through the same code, once', async () => {
    pipeline.stack.s3.putBucketNotificationConfiguration(
      INPUT,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    await upload(
      'history/old.json',
      JSON.stringify({ ...VISIT_EVENT_EXAMPLE, ptid: 'H1', datatype: 'apoe', module: null })
    );
    const saved = { ...process.env };
    Object.assign(process.env, pipeline.exports());
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
    const rows = await rowsOf(checkpointOf(VISIT_EVENT_EXAMPLE.study!, 'apoe'));
    expect(rows.map((r) => r.ptid)).toEqual(['H1']);
  });
});
