import { backfill, formatProgress } from './backfill';
import { backfillContext, formatSummary, parseArgs } from './backfill-cli';
import { generateSampleFiles } from './samples/sample-files';
import { EVENTS_BUCKET, EVENT_PREFIX, startPipeline, type Pipeline } from './testing/pipeline-harness';

describe('backfill', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline();
    // Files arrive before any notification exists: the historical case.
    pipeline.stack.s3.putBucketNotificationConfiguration(
      EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
  });
  afterAll(() => pipeline.stop());

  it('replays a prefix through the lambda code; a re-run only finds duplicates', async () => {
    const files = generateSampleFiles({ prefix: EVENT_PREFIX, valid: 40, sandbox: 3, invalid: 4, seed: 9 });
    for (const file of files) await pipeline.upload(file.key, file.body);
    await pipeline.upload('other/ignored.json', '{}');

    const progress: number[] = [];
    const options = {
      bucket: EVENTS_BUCKET,
      prefix: EVENT_PREFIX,
      chunkSize: 16,
      beforeRound: () => pipeline.runtime.idempotency.registerContext(backfillContext(60_000)),
      onProgress: (p: { done: number }) => progress.push(p.done)
    };
    const first = await backfill(pipeline.runtime.processor, pipeline.s3, options);
    expect(first).toMatchObject({
      listed: 47,
      selected: 47,
      processed: 40,
      filtered: 3,
      quarantined: 4,
      failed: 0,
      duplicates: 0
    });
    expect(progress).toEqual([0, 16, 32, 47]);
    expect(Object.values(first.checkpoints).reduce((a, b) => a + b, 0)).toBe(40);

    const second = await backfill(pipeline.runtime.processor, pipeline.s3, options);
    expect(second).toMatchObject({ processed: 0, duplicates: 47, failed: 0 });
    const rows = (
      await Promise.all((await pipeline.checkpointKeys()).map((k) => pipeline.checkpointRows(k)))
    ).flat();
    expect(rows).toHaveLength(40);
    expect(formatSummary(second)).toContain('processed 0, skipped as duplicates');
  });

  it('selects by the date in the file name with --since and stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const summary = await backfill(pipeline.runtime.processor, pipeline.s3, {
      bucket: EVENTS_BUCKET,
      prefix: EVENT_PREFIX,
      since: '2024-07-01',
      signal: controller.signal
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.selected).toBeLessThan(summary.listed);
    expect(summary.processed).toBe(0);
  });

  it('parses its command line and rejects bad options with a reason', () => {
    expect(parseArgs(['--bucket', 'b', '--since', '2024-01-02', '--chunk', '50'])).toEqual({
      bucket: 'b',
      since: '2024-01-02',
      chunk: 50
    });
    expect(() => parseArgs(['--since', '2024/01/02'])).toThrow('--since must be YYYY-MM-DD');
    expect(() => parseArgs(['--fast', 'yes'])).toThrow('unknown option --fast');
    expect(() => parseArgs(['--chunk'])).toThrow('--chunk needs a value');
  });

  it('shows a progress bar with rate and ETA', () => {
    expect(formatProgress({ done: 50, total: 100, elapsedMs: 1000 }, 10)).toBe(
      '[#####.....] 50/100 files  50 files/s  ETA 1s'
    );
  });
});
