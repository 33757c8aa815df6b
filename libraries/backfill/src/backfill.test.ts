import type { Context } from 'aws-lambda';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ConfigurationError } from '@reporting/utils';
import { startLocalAws, type LocalAws } from '@reporting/local-aws';
import {
  backfill,
  emptyTally,
  formatProgress,
  formatSummary,
  listObjectChanges,
  mergeTallies,
  runRounds,
  tallyResults
} from './backfill';
import { backfillUsage, backfillWith, parseBackfillArgs, runBackfillCommand } from './backfill-cli';
import { createBackfillClients } from './backfill-clients';
import { BackfillWorkerPool } from './backfill-workers';
import type { ChangeProcessor } from '@reporting/lambda-runtime';
import { BROKEN_BACKFILL, COUNTING_BACKFILL, CountingProcessor } from './testing/backfill-test-command';

const putObject = (s3: S3Client, bucket: string, key: string, body: string) =>
  s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));

describe('backfill', () => {
  let stack: LocalAws;
  let s3: S3Client;

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: ['history'] }, dynamoDb: false });
    s3 = stack.s3Client();
    for (let i = 0; i < 7; i++) await putObject(s3, 'history', `prod/f${i}.json`, '{}');
    await putObject(s3, 'history', 'prod/notes.txt', 'x');
    await putObject(s3, 'history', 'other/g.json', '{}');
  });
  afterAll(() => stack.stop());

  it('lists the .json objects under the prefix as created changes with their ETags', async () => {
    const changes = await listObjectChanges(s3, 'history', 'prod/');
    expect(changes).toHaveLength(7);
    expect(changes[0]).toMatchObject({
      kind: 'created',
      eventName: 'Backfill',
      object: { bucket: 'history' }
    });
    expect(changes.every((c) => c.kind === 'created' && /^[0-9a-f]{32}$/.test(c.object.eTag ?? ''))).toBe(
      true
    );
    expect(await listObjectChanges(s3, 'history', 'prod/', '.txt')).toHaveLength(1);
  });

  it('processes the selected objects in rounds, reporting progress, and sums up the results', async () => {
    const processor = new CountingProcessor();
    const progress: number[] = [];
    let rounds = 0;
    const summary = await backfill(processor, s3, {
      bucket: 'history',
      prefix: 'prod/',
      select: (key) => key !== 'prod/f6.json',
      chunkSize: 4,
      beforeRound: () => rounds++,
      onProgress: (p) => progress.push(p.done)
    });
    expect(processor.rounds.map((r) => r.length)).toEqual([4, 2]);
    expect(rounds).toBe(2);
    expect(progress).toEqual([0, 4, 6]);
    expect(summary).toMatchObject({ listed: 7, selected: 6, processed: 6, failed: 0, interrupted: false });
    expect(summary.checkpoints).toEqual({ all: 6 });
    expect(formatSummary(summary)).toContain('processed 6, skipped as duplicates 0');
  });

  it('stops before the next round once aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    const summary = await backfill(new CountingProcessor(), s3, {
      bucket: 'history',
      prefix: 'prod/',
      signal: controller.signal
    });
    expect(summary).toMatchObject({ selected: 7, processed: 0, interrupted: true });
    expect(formatSummary(summary)).toContain('(interrupted)');
  });

  it('shows a progress bar with rate and ETA', () => {
    expect(formatProgress({ done: 50, total: 100, elapsedMs: 1000 }, 10)).toBe(
      '[#####.....] 50/100 files  50 files/s  ETA 1s'
    );
    expect(formatProgress({ done: 0, total: 0, elapsedMs: 0 }, 4)).toBe('[####] 0/0 files  0 files/s  ETA ?');
  });

  it('keeps as many rounds in flight as there are lanes, and every change lands in exactly one round', async () => {
    const changes = await listObjectChanges(s3, 'history', 'prod/');
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const processor = new CountingProcessor();
    const { tally, interrupted } = await runRounds(
      changes,
      async (round) => {
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        seen.push(...round.map((c) => (c.kind === 'created' ? c.object.key : '')));
        inFlight--;
        return tallyResults(await processor.processChanges(round));
      },
      { chunkSize: 2, lanes: 3 }
    );
    expect(most).toBe(3);
    expect(interrupted).toBe(false);
    expect(seen.sort()).toEqual(changes.map((c) => (c.kind === 'created' ? c.object.key : '')).sort());
    expect(tally).toEqual({ ...emptyTally(), done: 7, appended: 7, checkpoints: { all: 7 } });
  });

  it('adds tallies field by field and checkpoint by checkpoint', () => {
    const a = tallyResults([
      { status: 'appended', checkpoint: 'x', attempt: '1', rows: 1, totalRows: 1, bytes: 1 },
      { status: 'duplicate' },
      { status: 'already-applied', checkpoint: 'x', attempt: '0' },
      { status: 'quarantined', reasons: ['r'], errorKey: 'e', attempt: '1' }
    ]);
    const b = tallyResults([
      { status: 'appended', checkpoint: 'y', attempt: '2', rows: 1, totalRows: 1, bytes: 1 },
      { status: 'appended', checkpoint: 'x', attempt: '2', rows: 1, totalRows: 1, bytes: 1 },
      { status: 'filtered', reason: 'sandbox', attempt: '2' },
      { status: 'gone', attempt: '2' },
      { status: 'failed', error: new Error('e') }
    ]);
    expect(mergeTallies(a, b)).toEqual({
      done: 9,
      appended: 3,
      duplicates: 2,
      quarantined: 1,
      filtered: 1,
      gone: 1,
      failed: 1,
      failures: ['#4: Error: e'],
      checkpoints: { x: 2, y: 1 }
    });
    expect(mergeTallies(emptyTally(), a)).toEqual(a);
  });
});

describe('backfill command', () => {
  it('parses its command line and rejects bad options with a reason', () => {
    expect(
      parseBackfillArgs(['--bucket', 'b', '--since', '2024-01-02', '--chunk', '50'], { since: true })
    ).toEqual({ bucket: 'b', since: '2024-01-02', chunk: 50 });
    expect(() => parseBackfillArgs(['--since', '2024/01/02'], { since: true })).toThrow(
      '--since must be YYYY-MM-DD'
    );
    expect(() => parseBackfillArgs(['--since', '2024-01-02'], { since: false })).toThrow(
      'unknown option --since'
    );
    expect(() => parseBackfillArgs(['--chunk', '0'], { since: false })).toThrow('--chunk must be a positive');
    expect(() => parseBackfillArgs(['--chunk'], { since: false })).toThrow('--chunk needs a value');
    expect(parseBackfillArgs(['--workers', '3'], { since: false, workers: true })).toEqual({ workers: 3 });
    expect(() => parseBackfillArgs(['--workers', '3'], { since: false })).toThrow('unknown option --workers');
    expect(() => parseBackfillArgs(['--workers', '0'], { since: false, workers: true })).toThrow(
      '--workers must be an integer from 1 to 64'
    );
  });

  describe('run', () => {
    let stack: LocalAws;
    const output: string[] = [];
    const saved = { ...process.env };

    beforeAll(async () => {
      stack = await startLocalAws({ s3: { buckets: ['src'] }, dynamoDb: false });
      for (const key of ['in/2024-01-01-a.json', 'in/2024-03-01-b.json', 'in/2024-03-02-fail.json'])
        await putObject(stack.s3Client(), 'src', key, '{}');
      jest.spyOn(console, 'log').mockImplementation((line: string) => {
        output.push(line);
      });
      jest.spyOn(console, 'error').mockImplementation((line: string) => {
        output.push(line);
      });
      jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    });
    afterAll(async () => {
      jest.restoreAllMocks();
      process.env = saved;
      await stack.stop();
    });

    const command = (processor: ChangeProcessor, registered: Context[]) => ({
      name: 'test-backfill',
      createRuntime: () => ({
        processor,
        s3: stack.s3Client(),
        idempotency: {
          registerContext: (context: Context) => {
            registered.push(context);
          }
        },
        config: { sourceBucket: 'src', sourcePrefix: 'in/' }
      }),
      since: {
        describe: 'by the date the key starts with',
        select: (key: string, since: string) => key >= `in/${since}`
      }
    });

    it('replays the configured prefix, honours --since, and exits 1 when objects failed', async () => {
      const processor = new CountingProcessor();
      const registered: Context[] = [];
      expect(await runBackfillCommand(command(processor, registered), ['--since', '2024-02-01'])).toBe(1);
      expect(processor.rounds).toEqual([['in/2024-03-01-b.json', 'in/2024-03-02-fail.json']]);
      expect(registered).toHaveLength(1);
      expect(output.join('\n')).toContain('processed 1, skipped as duplicates 0');
      expect(process.env.LOG_LEVEL).toBeDefined();
    });

    it('exits 2 with the usage for a bad command line', async () => {
      const usage = backfillUsage(command(new CountingProcessor(), []));
      expect(usage).toMatch(/^usage: test-backfill \[--bucket B\] \[--prefix P\] \[--since YYYY-MM-DD\]/);
      expect(await runBackfillCommand(command(new CountingProcessor(), []), ['--nope', 'x'])).toBe(2);
      expect(output.at(-1)).toBe(`unknown option --nope\n${usage}`);
      const unconfigured = {
        name: 'x',
        createRuntime: () => {
          throw new ConfigurationError(['SOURCE_BUCKET: is required']);
        }
      };
      expect(await runBackfillCommand(unconfigured, [])).toBe(2);
      expect(output.at(-1)).toBe('Invalid configuration: SOURCE_BUCKET: is required');
    });

    it('fans rounds out over worker threads that build their own runtime, and merges their summaries', async () => {
      Object.assign(process.env, stack.environment(), { SOURCE_BUCKET: 'src' });
      expect(backfillUsage(COUNTING_BACKFILL)).toContain('[--chunk N] [--workers N]');
      expect(await runBackfillCommand(COUNTING_BACKFILL, ['--workers', '2', '--chunk', '1'])).toBe(1);
      const summary = output.at(-1)!.split('\n');
      expect(summary[1]).toBe(
        'processed 2, skipped as duplicates 0, quarantined 0, filtered 0, gone 0, failed 1'
      );
      expect(summary[2]).toBe('  all: +2 rows');
      expect(summary[3]).toBe('  failed (re-run to retry): in/2024-03-02-fail.json: Error: x');
    });

    it('counts the rounds of a worker that cannot build its runtime as failed, with the reason', async () => {
      Object.assign(process.env, stack.environment());
      const errors: string[] = [];
      const summary = await backfillWith(
        COUNTING_BACKFILL.createRuntime(createBackfillClients()),
        BROKEN_BACKFILL,
        {
          bucket: 'src',
          prefix: 'in/',
          chunkSize: 2,
          workers: 2,
          onWorkerError: (message) => errors.push(message)
        }
      );
      expect(summary).toMatchObject({ selected: 3, processed: 0, failed: 3, interrupted: false });
      expect(errors[0]).toBe('backfill worker could not start: no configuration here');
      expect(summary.failures).toContain('backfill worker could not start: no configuration here');
    });

    it('a worker pool runs at most one round per worker and reports a dead worker', async () => {
      const pool = new BackfillWorkerPool(COUNTING_BACKFILL.worker!, 1);
      const errors: string[] = [];
      const deadPool = new BackfillWorkerPool({ path: '/nonexistent/module.js', exportName: 'X' }, 1, (m) =>
        errors.push(m)
      );
      try {
        const round = pool.runRound([]);
        await expect(pool.runRound([])).rejects.toThrow('more rounds in flight than workers');
        expect(await round).toMatchObject({ done: 0, failed: 0 });
        const change = {
          kind: 'created',
          eventName: 'Backfill',
          object: { bucket: 'src', key: 'in/x.json' }
        } as const;
        expect(await deadPool.runRound([change])).toMatchObject({ done: 1, failed: 1 });
        expect(errors[0]).toMatch(/^backfill worker could not start: Cannot find module/);
      } finally {
        await pool.close();
        await deadPool.close();
      }
      expect(await pool.runRound([])).toMatchObject({ done: 0, failed: 0 });
    });
  });
});
