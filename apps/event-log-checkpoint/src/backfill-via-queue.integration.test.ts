import {
  backfillViaQueue,
  createBackfillClients,
  type BackfillClients,
  type QueueBackfillSummary
} from '@reporting/backfill';
import { generateSampleFiles } from '@reporting/test-kit';
import { main } from './backfill-cli';
import { ANALYTICS_BUCKET, EVENTS_BUCKET, startPipeline, type Pipeline } from './testing/event-log-pipeline';

// History replayed through the deployed path: files already in S3 (no notification ever sent), the
// command enqueues them to the lambda's queue over the SQS API, the event source mapping delivers
// them (each message twice, in any order, three invocations at once) to the lambda, which writes
// every row once. A crash mid-run and re-runs neither lose nor double anything.
describe('backfill --via-queue through the local fleet', () => {
  let pipeline: Pipeline;
  let clients: BackfillClients;
  const saved = { ...process.env };

  beforeAll(async () => {
    pipeline = await startPipeline({ deliveriesPerMessage: 2, shuffle: true, concurrency: 3 });
    pipeline.stack.s3.putBucketNotificationConfiguration(
      EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    Object.assign(process.env, pipeline.stack.environment(), {
      SOURCE_BUCKET: EVENTS_BUCKET,
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET,
      IDEMPOTENCY_TABLE: 'idempotency',
      LOG_LEVEL: 'SILENT',
      BACKFILL_POLL_MS: '20'
    });
    clients = createBackfillClients();
  });
  afterAll(async () => {
    process.env = saved;
    clients.s3.destroy();
    clients.dynamodb.destroy();
    clients.sqs.destroy();
    await pipeline.stop();
  });

  const rowsUnder = async (prefix: string): Promise<string[]> => {
    const rows = (
      await Promise.all((await pipeline.checkpointKeys()).map((key) => pipeline.checkpointRows(key)))
    ).flat();
    return rows.map((row) => String(row.source_key)).filter((key) => key.includes(`/${prefix}`));
  };

  const replay = (prefix: string, signal?: AbortSignal, onEnqueued?: (n: number) => void) =>
    backfillViaQueue(clients, {
      bucket: EVENTS_BUCKET,
      prefix,
      queueUrl: pipeline.stack.queueUrl(pipeline.queue),
      deadLetterUrl: pipeline.stack.deadLetterQueueUrl(pipeline.queue),
      idempotencyTable: 'idempotency',
      keyPrefix: '',
      region: 'us-east-1',
      pollMs: 20,
      pageSize: 10,
      pagesInFlight: 1,
      ...(signal ? { signal } : {}),
      onProgress: (p) => onEnqueued?.(p.enqueued)
    });

  it('a crash mid-run, a resume, a re-run: every valid row exactly once, done files skipped before enqueue', async () => {
    const files = generateSampleFiles({ prefix: 'history/', valid: 60, sandbox: 3, invalid: 4, seed: 31 });
    await pipeline.local.uploadAll(files);

    const controller = new AbortController();
    const crashed = await replay('history/', controller.signal, (enqueued) => {
      if (enqueued >= 20) controller.abort(); // Ctrl-C after a few batches
    });
    expect(crashed.interrupted).toBe(true);
    expect(crashed.enqueued).toBeGreaterThanOrEqual(20);
    expect(crashed.enqueued).toBeLessThan(67);
    await pipeline.queue.drained(60_000); // the lambdas finish what was sent

    const resumed: QueueBackfillSummary = await replay('history/');
    expect(resumed).toMatchObject({
      listed: 67,
      alreadyDone: crashed.enqueued, // every file of the crashed run was done: none sent again
      enqueued: 67 - crashed.enqueued,
      failed: 0,
      interrupted: false,
      newDeadLetters: 0,
      queue: { waiting: 0, inFlight: 0, drained: true }
    });

    const again = await replay('history/');
    expect(again).toMatchObject({ alreadyDone: 67, enqueued: 0 });

    const rows = await rowsUnder('history/');
    expect(rows).toHaveLength(60);
    expect(new Set(rows).size).toBe(60);
    const quarantined = (await pipeline.quarantine()).filter((q) => q.source_key.includes('history/'));
    expect(quarantined).toHaveLength(4);
  });

  it('a re-run while the first run is still in the queue: nothing lost or doubled', async () => {
    const files = generateSampleFiles({ prefix: 'overlap/', valid: 40, seed: 32 });
    await pipeline.local.uploadAll(files);
    const controller = new AbortController();
    await replay('overlap/', controller.signal, (enqueued) => {
      if (enqueued >= 10) controller.abort();
    });
    const resumed = await replay('overlap/'); // sends again what is queued but not yet done
    expect(resumed.alreadyDone + resumed.enqueued).toBe(40);
    expect(resumed.queue?.drained).toBe(true);
    const rows = await rowsUnder('overlap/');
    expect(rows).toHaveLength(40);
    expect(new Set(rows).size).toBe(40);
  });

  it('the command: --via-queue follows the queue to empty and prints the summary; exit codes', async () => {
    const files = generateSampleFiles({ prefix: 'cli/', valid: 12, invalid: 1, seed: 33 });
    await pipeline.local.uploadAll(files);
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => {
      lines.push(line);
    });
    const errors: string[] = [];
    const error = jest.spyOn(console, 'error').mockImplementation((line: string) => {
      errors.push(line);
    });
    const progress = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const queueArgs = [
      '--via-queue',
      '--queue-url',
      pipeline.stack.queueUrl(pipeline.queue),
      '--dlq-url',
      pipeline.stack.deadLetterQueueUrl(pipeline.queue)
    ];
    try {
      expect(await main(['--prefix', 'cli/', ...queueArgs])).toBe(0);
      expect(lines[0]).toContain(
        'listed 13, selected 13; already done 0 (skipped), enqueued 13, failed to enqueue 0'
      );
      expect(lines[0]).toContain('dead-letter queue: +0 messages');
      expect(await rowsUnder('cli/')).toHaveLength(12);
      expect(await main(['--prefix', 'cli/', ...queueArgs, '--detach'])).toBe(0);
      expect(lines[1]).toContain('already done 13 (skipped), enqueued 0');
      expect(lines[1]).toContain('queue not followed (--detach)');
      expect(await main(['--via-queue'])).toBe(2);
      expect(errors.at(-1)).toContain('--via-queue needs --queue-url');
      expect(await main(['--queue-url', 'x'])).toBe(2);
      expect(errors.at(-1)).toContain('--queue-url needs --via-queue');
    } finally {
      log.mockRestore();
      error.mockRestore();
      progress.mockRestore();
    }
    expect(await rowsUnder('cli/')).toHaveLength(12);
  });
});
