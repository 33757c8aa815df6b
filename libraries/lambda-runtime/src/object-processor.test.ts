import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  type S3Client
} from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import type { ObjectChange } from './notifications';
import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import { VISIT_EVENT_EXAMPLE, visitEventTable } from '@reporting/schemas';

const visits = CheckpointTable.of(visitEventTable);
import { createIdempotencyTable, startLocalAws, type LocalAws } from '@reporting/local-aws';
import type { FileProcessor } from './file-processor';
import { createIdempotency, type IdempotencyWrapper } from './idempotency';
import { ObjectProcessor, type ObjectProcessorDeps } from './object-processor';
import type { QuarantineRecord } from './quarantine';
import { createS3CheckpointSink } from './s3-checkpoint-sink';
import { summarize } from './summarize';
import { groupFileProcessor, putObject, quietObservability, RecordingSink } from './testing/fixtures';

const IN = 'incoming';
const OUT = 'checkpoints';
const passThrough: IdempotencyWrapper = (fn) => fn;

describe('ObjectProcessor', () => {
  let stack: LocalAws;
  let s3: S3Client;

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: [IN, OUT] } });
    s3 = stack.s3Client();
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
  });
  afterAll(() => stack.stop());

  function processor(
    sink: RecordingSink,
    extra: Partial<ObjectProcessorDeps<string>> = {}
  ): ObjectProcessor<string> {
    return new ObjectProcessor<string>({
      s3,
      fileProcessor: groupFileProcessor,
      sink,
      observability: quietObservability(),
      idempotency: passThrough,
      maxFileBytes: 200,
      quarantine: { bucket: OUT, prefix: 'errors/' },
      now: () => new Date('2024-05-06T07:08:09Z'),
      ...extra
    });
  }

  const file = (group: string, values: string[]) => JSON.stringify({ group, values });

  it('appends the rows of every valid file with one commit per checkpoint, results in change order', async () => {
    const sink = new RecordingSink();
    const changes = [
      await putObject(s3, IN, 'one/a1.json', file('a', ['x', 'y'])),
      await putObject(s3, IN, 'one/b1.json', file('b', ['z'])),
      await putObject(s3, IN, 'one/a2.json', file('a', ['w']))
    ];
    const results = await processor(sink).processChanges(changes);
    expect(results.map((r) => r.status)).toEqual(['appended', 'appended', 'appended']);
    expect(results.map((r) => ('checkpoint' in r ? r.checkpoint : undefined))).toEqual([
      'out/a',
      'out/b',
      'out/a'
    ]);
    expect(sink.appends.map((a) => [a.key, a.batches.length]).sort()).toEqual([
      ['out/a', 2],
      ['out/b', 1]
    ]);
    expect([...(sink.rows.get('out/a') ?? [])].sort()).toEqual(['w', 'x', 'y']);
    expect(sink.appends.find((a) => a.key === 'out/a')!.batches[0].source.key).toMatch(
      /^s3:\/\/incoming\/one\/a[12]\.json$/
    );
    expect(summarize(results, Date.now())).toMatchObject({
      processed: 3,
      // Rows, not files: out/a got x, y (a1) and w (a2). The sink reports a checkpoint's size as its rows.
      output_bytes: 4,
      checkpoints: [
        { key: 'out/a', rows_appended: 3, total_rows: 3, bytes: 3, status: 'saved' },
        { key: 'out/b', rows_appended: 1, total_rows: 1, bytes: 1, status: 'saved' }
      ]
    });
  });

  it('reports a failed commit as failed objects of its checkpoint, for the trigger to redeliver', async () => {
    const failing = new RecordingSink();
    failing.append = () => Promise.reject(new Error('precondition failed'));
    const changes = [await putObject(s3, IN, 'five/a.json', file('a', ['x']))];
    const results = await processor(failing).processChanges(changes);
    expect(results).toMatchObject([{ status: 'failed', checkpoint: 'out/a' }]);
    expect(summarize(results, Date.now()).checkpoints).toEqual([
      { key: 'out/a', rows_appended: 0, status: 'failed', error: 'precondition failed' }
    ]);
  });

  it('quarantines invalid and too-large files with their reasons in a day-partitioned record', async () => {
    const sink = new RecordingSink();
    const changes = [
      await putObject(s3, IN, 'two/bad.json', '{"group": 1}'),
      await putObject(s3, IN, 'two/huge.json', file('a', ['v'.repeat(300)]))
    ];
    const results = await processor(sink).processChanges(changes);
    expect(results).toMatchObject([
      { status: 'quarantined', reasons: ['group: is required', 'values: must be an array'] },
      {
        status: 'quarantined',
        reasons: [expect.stringMatching(/^file is \d+ bytes, larger than the 200-byte limit$/)]
      }
    ]);
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: OUT, Prefix: 'errors/dt=2024-05-06/' }));
    const records: QuarantineRecord[] = [];
    for (const item of listed.Contents ?? []) {
      const got = await s3.send(new GetObjectCommand({ Bucket: OUT, Key: item.Key! }));
      records.push(JSON.parse(await got.Body!.transformToString()) as QuarantineRecord);
    }
    expect(records.map((r) => r.source_key).sort()).toEqual(['two/bad.json', 'two/huge.json']);
    expect(sink.appends).toEqual([]);
  });

  it('quarantines a file whose processing throws a non-retryable error, and caps the reasons it keeps', async () => {
    const sink = new RecordingSink();
    const many = Array.from({ length: 60 }, (_, i) => `v${i}`);
    const changes = [
      await putObject(s3, IN, 'two/bug.json', file('bug', ['x'])),
      await putObject(s3, IN, 'two/many.json', JSON.stringify({ group: 'many', values: many }))
    ];
    const results = await processor(sink, { maxFileBytes: 10_000 }).processChanges(changes);
    expect(results[0]).toMatchObject({
      status: 'quarantined',
      reasons: ['file could not be processed: cannot handle 1 values']
    });
    const capped = results[1] as { reasons: string[] };
    expect(capped.reasons).toHaveLength(51);
    expect(capped.reasons[50]).toBe('… and 10 more problems');
  });

  it('filters, ignores test events and removals, and counts a version repeated in one batch once', async () => {
    const sink = new RecordingSink();
    const valid = await putObject(s3, IN, 'three/a.json', file('a', ['x']));
    const changes: ObjectChange[] = [
      await putObject(s3, IN, 'three/skip.json', file('skip', ['x'])),
      await putObject(s3, IN, 'three/empty.json', file('a', [])),
      { kind: 'test', bucket: IN },
      { kind: 'removed', eventName: 'ObjectRemoved:Delete', object: { bucket: IN, key: 'three/old.json' } },
      valid,
      valid
    ];
    const results = await processor(sink).processChanges(changes);
    expect(results).toMatchObject([
      { status: 'filtered', reason: 'skip group' },
      { status: 'filtered', reason: 'file has no rows' },
      { status: 'ignored', reason: 's3:TestEvent' },
      { status: 'ignored', reason: 'ObjectRemoved:Delete' },
      { status: 'appended' },
      { status: 'duplicate' }
    ]);
    expect(sink.rows.get('out/a')).toEqual(['x']);
  });

  it('acknowledges objects deleted or overwritten before they could be read', async () => {
    const deleted = await putObject(s3, IN, 'four/deleted.json', file('a', ['x']));
    await s3.send(new DeleteObjectCommand({ Bucket: IN, Key: 'four/deleted.json' }));
    const overwritten = await putObject(s3, IN, 'four/over.json', file('a', ['old']));
    await putObject(s3, IN, 'four/over.json', file('a', ['new']));
    const results = await processor(new RecordingSink()).processChanges([deleted, overwritten]);
    expect(results.map((r) => r.status)).toEqual(['gone', 'gone']);
  });

  it('returns failed for a processor error or a failed commit, and still commits the other checkpoints', async () => {
    const sink = new RecordingSink();
    sink.failFor = 'out/b';
    const changes = [
      await putObject(s3, IN, 'five/boom.json', file('boom', ['x'])),
      await putObject(s3, IN, 'five/b.json', file('b', ['y'])),
      await putObject(s3, IN, 'five/a.json', file('a', ['z']))
    ];
    const results = await processor(sink).processChanges(changes);
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed', 'appended']);
    expect(sink.rows.get('out/a')).toEqual(['z']);
    expect(summarize(results, Date.now()).failed).toBe(2);
  });

  it('reports already-applied when the checkpoint had the source, and failed when a crash point throws', async () => {
    const sink = new RecordingSink();
    const change = await putObject(s3, IN, 'six/a.json', file('a', ['x']));
    await processor(sink).processChanges([change]);
    expect(await processor(sink).processChanges([change])).toMatchObject([{ status: 'already-applied' }]);
    const crashing = processor(sink, {
      crashPoints: { afterRead: () => Promise.reject(new Error('crash after read')) }
    });
    expect(await crashing.processChanges([change])).toMatchObject([{ status: 'failed' }]);
  });

  it('with DynamoDB idempotency and the S3 checkpoint sink: a redelivery is a duplicate and rows land once', async () => {
    const observability = quietObservability();
    const idempotency = createIdempotency('idempotency', stack.dynamoDbClient());
    idempotency.registerContext({ getRemainingTimeInMillis: () => 30_000 } as Context);
    const eventProcessor: FileProcessor = () => ({
      kind: 'rows',
      checkpoint: 'events/dvcid.parquet',
      rows: [visits.rowFromRecord({ ...VISIT_EVENT_EXAMPLE, ptid: 'P1' })]
    });
    const real = new ObjectProcessor({
      s3,
      fileProcessor: eventProcessor,
      sink: createS3CheckpointSink(s3, OUT, visits, observability.logger),
      observability,
      idempotency: idempotency.wrapper,
      maxFileBytes: 1000,
      quarantine: { bucket: OUT, prefix: 'errors/' }
    });
    const change = await putObject(s3, IN, 'seven/e.json', '{}');
    expect(await real.processChanges([change])).toMatchObject([{ status: 'appended' }]);
    expect(await real.processChanges([change])).toEqual([{ status: 'duplicate' }]);
    const rows = await visits.readRows(new S3ObjectStore(s3, OUT), 'events/dvcid.parquet');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ptid: 'P1', source_key: 's3://incoming/seven/e.json' });
  });
});
