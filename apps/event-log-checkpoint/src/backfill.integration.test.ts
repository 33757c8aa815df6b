import { backfill, backfillUsage, formatSummary, listObjectChanges } from '@reporting/backfill';
import { createLambdaRuntime } from '@reporting/lambda-runtime';
import { createLambdaContext } from '@reporting/utils';
import { eventLogLambda } from './event-log-lambda';
import { isOnOrAfter } from './backfill';
import { EVENT_LOG_BACKFILL, main } from './backfill-cli';
import { generateSampleFiles } from '@reporting/test-kit';
import {
  ANALYTICS_BUCKET,
  EVENTS_BUCKET,
  EVENT_PREFIX,
  startPipeline,
  type Pipeline
} from './testing/event-log-pipeline';

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

  const allRows = async (): Promise<number> =>
    (await Promise.all((await pipeline.checkpointKeys()).map((k) => pipeline.checkpointRows(k)))).flat()
      .length;

  it('replays a prefix through the lambda code; a re-run only finds duplicates', async () => {
    const files = generateSampleFiles({ prefix: EVENT_PREFIX, valid: 40, sandbox: 3, invalid: 4, seed: 9 });
    for (const file of files) await pipeline.upload(file.key, file.body);
    await pipeline.upload('other/ignored.json', '{}');

    const progress: number[] = [];
    const options = {
      bucket: EVENTS_BUCKET,
      prefix: EVENT_PREFIX,
      chunkSize: 16,
      beforeRound: () =>
        pipeline.runtime.idempotency.registerContext(createLambdaContext('backfill', 60_000)),
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

  it('the command fans out over worker threads with their own runtime; every valid file lands once', async () => {
    const files = generateSampleFiles({ prefix: 'replay/', valid: 30, sandbox: 2, invalid: 3, seed: 12 });
    for (const file of files) await pipeline.upload(file.key, file.body);
    const saved = { ...process.env };
    Object.assign(process.env, pipeline.stack.environment(), {
      SOURCE_BUCKET: EVENTS_BUCKET,
      SOURCE_PREFIX: 'replay/',
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'SILENT'
    });
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const rowsBefore = await allRows();
      const quarantinedBefore = (await pipeline.quarantine()).length;
      // A dry run reads and judges every file as the lambda would, and writes nothing.
      expect(await main(['--dry-run'])).toBe(0);
      const dry = lines.shift()!;
      expect(dry).toMatch(/^dry run: nothing was written\.\nlisted 35, selected 35, already done 0\n/);
      expect(dry).toMatch(/would append 30 files to \d+ checkpoint\(s\):/);
      expect(dry).toContain('would quarantine 3, filter 2; 0 gone before reading');
      expect(await allRows()).toBe(rowsBefore);
      expect((await pipeline.quarantine()).length).toBe(quarantinedBefore);
      expect(await main(['--workers', '3', '--chunk', '8'])).toBe(0);
      expect(lines[0]).toContain('processed 30, skipped as duplicates 0, quarantined 3, filtered 2');
      expect((await allRows()) - rowsBefore).toBe(30);
      expect(await main(['--workers', '2', '--chunk', '8'])).toBe(0);
      expect(lines[1]).toContain('processed 0, skipped as duplicates 35 (35 before reading), quarantined 0');
      // Conventions: --help prints the usage (exit 0); an unknown option is refused (exit 2).
      expect(await main(['--help'])).toBe(0);
      expect(lines[2]).toMatch(/^usage: event-log-backfill .*\[--dry-run\] \[--help\]/);
      expect(await allRows()).toBe(rowsBefore + 30);
    } finally {
      log.mockRestore();
      progress.mockRestore();
      process.env = saved;
    }
  });

  it('--function-name: the in-process backfill and the deployed lambda skip what the other did (same idempotency keys)', async () => {
    const files = generateSampleFiles({ prefix: 'keyed/', valid: 6, seed: 31 });
    for (const file of files) await pipeline.upload(file.key, file.body);
    // The deployed lambda: Lambda sets AWS_LAMBDA_FUNCTION_NAME, Powertools prefixes its keys with it.
    const deployed = createLambdaRuntime(
      eventLogLambda,
      { ...pipeline.local.environment, AWS_LAMBDA_FUNCTION_NAME: 'event-log-checkpoint-prod' },
      { s3: pipeline.s3, dynamodb: pipeline.stack.dynamoDbClient() }
    );
    const changes = await listObjectChanges(pipeline.s3, EVENTS_BUCKET, 'keyed/');
    const invoke = async (batch: typeof changes) => {
      deployed.idempotency.registerContext(createLambdaContext('event-log-checkpoint-prod', 60_000));
      return (await deployed.processor.processChanges(batch)).map((result) => result.status);
    };
    expect(await invoke(changes.slice(0, 2))).toEqual(['appended', 'appended']);
    const saved = { ...process.env };
    Object.assign(process.env, pipeline.stack.environment(), {
      SOURCE_BUCKET: EVENTS_BUCKET,
      SOURCE_PREFIX: 'keyed/',
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'SILENT'
    });
    delete process.env.IDEMPOTENCY_KEY_PREFIX;
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const rowsBefore = await allRows();
      // Without the function name the command reads (and would write) records of its own.
      expect(await main(['--dry-run'])).toBe(0);
      expect(lines[0]).toContain('listed 6, selected 6, already done 0');
      expect(await main(['--dry-run', '--function-name', 'event-log-checkpoint-prod'])).toBe(0);
      expect(lines[1]).toContain('listed 6, selected 6, already done 2');
      expect(
        await main(['--workers', '2', '--chunk', '2', '--function-name', 'event-log-checkpoint-prod'])
      ).toBe(0);
      expect(lines[2]).toContain('processed 4, skipped as duplicates 2 (2 before reading)');
      // What the backfill did, the deployed lambda takes for done (a late live notification, a replay).
      expect(await invoke(changes)).toEqual(Array(6).fill('duplicate'));
      expect((await allRows()) - rowsBefore).toBe(4);
    } finally {
      log.mockRestore();
      progress.mockRestore();
      process.env = saved;
    }
  });

  it('selects by the date in the file name with --since and stops when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const summary = await backfill(pipeline.runtime.processor, pipeline.s3, {
      bucket: EVENTS_BUCKET,
      prefix: EVENT_PREFIX,
      select: (key) => isOnOrAfter(key, '2024-07-01'),
      signal: controller.signal
    });
    expect(summary.interrupted).toBe(true);
    expect(summary.selected).toBeLessThan(summary.listed);
    expect(summary.processed).toBe(0);
  });

  it('selects by the date in the file name; the command line takes --since and exits 2 on a bad one', async () => {
    expect(isOnOrAfter('prod/log-submit-20240701-000000-1-p-1-01.json', '2024-07-01')).toBe(true);
    expect(isOnOrAfter('prod/log-submit-20240630-235959-1-p-1-01.json', '2024-07-01')).toBe(false);
    expect(isOnOrAfter('prod/unconventional.json', '2024-07-01')).toBe(true);
    expect(backfillUsage(EVENT_LOG_BACKFILL)).toContain(
      'usage: event-log-backfill [--bucket B] [--prefix P] [--since YYYY-MM-DD]'
    );
    const errors = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect(await main(['--since', '2024/07/01'])).toBe(2);
      expect(errors.mock.calls[0][0]).toContain('--since must be YYYY-MM-DD, got "2024/07/01"');
    } finally {
      errors.mockRestore();
    }
  });
});
