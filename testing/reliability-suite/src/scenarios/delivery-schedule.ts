import type { QuarantineRecord } from '@reporting/schemas';
import { createRandom, shuffleInPlace } from '@reporting/utils';
import { checkExactlyOnce, type ExactlyOnceReport } from '../checks/exactly-once';
import { checkQuarantine, type QuarantineReport } from '../checks/quarantine-check';
import { badFiles } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';
import { validFiles } from '@reporting/test-kit';
import { EVENT_PREFIX, type ReliabilityPipeline } from '../pipeline/reliability-pipeline';

/** How one set of notifications reaches the lambda. */
export interface DeliverySchedule {
  valid: number;
  sandbox: number;
  invalid: number;
  /** Files repeating an earlier valid file's content under a new key. */
  identicalCopies: number;
  deliveries: number;
  batchSize: number;
  concurrency: number;
  seed: number;
}

export interface ScheduleOutcome {
  files: SuiteFile[];
  exactlyOnce: ExactlyOnceReport;
  quarantine: QuarantineReport;
  deadLetters: number;
}

/**
 * Runs one schedule on a shared pipeline, isolated by a study of its own (its own checkpoints) and
 * its own key prefix: a fresh queue with the schedule's delivery levers receives the notifications.
 */
export async function runSchedule(
  pipeline: ReliabilityPipeline,
  run: number,
  schedule: DeliverySchedule
): Promise<ScheduleOutcome> {
  const random = createRandom(schedule.seed);
  const study = `run${run}`;
  const prefix = `${EVENT_PREFIX}schedule-${run}/`;
  const valid = validFiles(random, { prefix, count: schedule.valid, study });
  const sandbox = validFiles(random, { prefix: `${prefix}sandbox/`, count: schedule.sandbox, study }).map(
    (file): SuiteFile => {
      const event = { ...file.event!, project_label: 'sandbox-apoe' };
      return { ...file, body: Buffer.from(JSON.stringify(event)), event, expect: 'sandbox' };
    }
  );
  const copies = valid.slice(0, schedule.identicalCopies).map((file) => ({
    ...file,
    key: file.key.replace(/\.json$/, '-copy.json')
  }));
  const invalid = badFiles(random, {
    prefix,
    count: schedule.invalid,
    maxFileBytes: 1_048_576,
    firstIndex: run
  });
  const files = shuffleInPlace([...valid, ...copies, ...sandbox, ...invalid], random);

  const queue = pipeline.stack.createQueue({
    name: `schedule-${run}`,
    handler: async (event, context) => (await pipeline.environments.invoke(event, context)) as never,
    deliveriesPerMessage: schedule.deliveries,
    batchSize: schedule.batchSize,
    concurrency: schedule.concurrency,
    shuffle: true,
    seed: schedule.seed,
    maxReceiveCount: 5,
    // A duplicate that meets its twin in progress elsewhere fails and comes back after this: short here
    // to keep a hundred runs fast (these invocations take well under a second), and never shorter than
    // the function timeout.
    functionTimeoutMs: 500,
    visibilityTimeoutMs: 600
  });
  pipeline.routeNotificationsTo(queue);
  await pipeline.uploadAll(files);
  await queue.drained(60_000);
  await queue.stop();

  const checkpoints = await pipeline.allCheckpointRows(`checkpoints/${study}/`);
  const records = await readQuarantineOf(pipeline, invalid.length === 0 ? [] : files, prefix);
  return {
    files,
    exactlyOnce: checkExactlyOnce(files, checkpoints),
    quarantine: checkQuarantine(files, records),
    deadLetters: queue.deadLetters.length
  };
}

/** The quarantine records of files under `prefix` (none to read when no file could be quarantined). */
async function readQuarantineOf(
  pipeline: ReliabilityPipeline,
  files: readonly SuiteFile[],
  prefix: string
): Promise<QuarantineRecord[]> {
  if (files.length === 0) return [];
  return (await pipeline.quarantine()).filter((record) => record.source_key.startsWith(prefix));
}
