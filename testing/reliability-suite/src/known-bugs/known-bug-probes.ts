import { randomEvent } from '@reporting/test-kit';
import { createRandom } from '@reporting/utils';
import { deadLetterKeys } from '../checks/dead-letters';
import type { SuiteFile } from '@reporting/test-kit';
import { validFiles } from '@reporting/test-kit';
import { EVENT_PREFIX, ReliabilityPipeline } from '../pipeline/reliability-pipeline';

/** What became of one problem file and the valid files of its batch. */
export interface BatchProbe {
  /** Problem files with a quarantine record. */
  quarantined: string[];
  /** Files whose notification ended in the dead-letter list, with the receives it had. */
  deadLettered: { key: string; receives: number }[];
  /** Valid files of the same batch with their row in a checkpoint. */
  validLanded: number;
  validFiles: number;
  durationMs: number;
}

/** An event whose timestamp is a leap second: RFC 3339 allows it, a UTC timestamp cannot hold it. */
export function leapSecondFile(prefix: string): SuiteFile {
  const event = { ...randomEvent(createRandom(7), 0), timestamp: '2016-12-31T23:59:60Z' };
  return { key: `${prefix}leap-second.json`, body: Buffer.from(JSON.stringify(event)), expect: 'invalid' };
}

/** A file with `fields` unknown fields (about 12 bytes each) besides a valid event. */
export function manyUnknownFieldsFile(prefix: string, fields: number): SuiteFile {
  const event: Record<string, unknown> = { ...randomEvent(createRandom(8), 0) };
  for (let i = 0; i < fields; i++) event[`extra_${i}`] = i;
  return {
    key: `${prefix}unknown-fields-${fields}.json`,
    body: Buffer.from(JSON.stringify(event)),
    expect: 'invalid'
  };
}

/**
 * Uploads one problem file together with `validCount` valid files so that they share a batch, lets
 * the queue deliver them (production redrive unless `maxReceiveCount` says otherwise), and reports
 * what became of each.
 */
export async function probeBatch(
  problem: SuiteFile,
  options: {
    validCount: number;
    maxReceiveCount: number;
    functionTimeoutMs: number;
    visibilityTimeoutMs: number;
  }
): Promise<BatchProbe> {
  const started = Date.now();
  const pipeline = await ReliabilityPipeline.start({
    queue: {
      batchSize: 10,
      batchWindowMs: 500,
      maxReceiveCount: options.maxReceiveCount,
      functionTimeoutMs: options.functionTimeoutMs,
      visibilityTimeoutMs: options.visibilityTimeoutMs
    }
  });
  try {
    const valid = validFiles(createRandom(9), { prefix: `${EVENT_PREFIX}probe/`, count: options.validCount });
    await pipeline.uploadAll([problem, ...valid]);
    await pipeline.queue.drained(120_000);
    // A timed-out invocation goes on in this process (Lambda would have stopped it): let it finish.
    await pipeline.environments.settled(60_000);
    const rows = [...(await pipeline.allCheckpointRows()).values()].flat();
    const landed = new Set(rows.map((row) => row.source_key));
    return {
      quarantined: (await pipeline.quarantine())
        .map((r) => r.source_key)
        .filter((key) => key === problem.key),
      deadLettered: pipeline.queue.deadLetters.flatMap((letter) =>
        deadLetterKeys(letter).map((key) => ({ key, receives: letter.receiveCount }))
      ),
      validLanded: valid.filter((file) => landed.has(`s3://events/${file.key}`)).length,
      validFiles: valid.length,
      durationMs: Date.now() - started
    };
  } finally {
    await pipeline.stop();
  }
}

/** Time the lambda takes for one file alone (a direct invocation with its real notification). */
export async function timeSingleFile(file: SuiteFile): Promise<{ ms: number; quarantined: boolean }> {
  const pipeline = await ReliabilityPipeline.start();
  try {
    const captured = pipeline.captureNotifications();
    await pipeline.upload(file.key, file.body);
    await captured.queue.drained();
    const bodies = captured.bodies.filter((body) => !body.includes('s3:TestEvent'));
    const started = process.hrtime.bigint();
    await pipeline.invokeWith(bodies, 900_000);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const quarantined = (await pipeline.quarantine()).some((r) => r.source_key === file.key);
    return { ms, quarantined };
  } finally {
    await pipeline.stop();
  }
}

/** What became of one file alone: the checkpoint row it made, or its quarantine reasons. */
export async function outcomeOf(file: SuiteFile): Promise<{
  checkpoint: string | undefined;
  row: Record<string, unknown> | undefined;
  reasons: string[] | undefined;
}> {
  const pipeline = await ReliabilityPipeline.start();
  try {
    await pipeline.upload(file.key, file.body);
    await pipeline.queue.drained();
    const reasons = (await pipeline.quarantine()).find((r) => r.source_key === file.key)?.reasons;
    for (const [checkpoint, rows] of await pipeline.allCheckpointRows()) {
      const row = rows.find((r) => r.source_key === `s3://events/${file.key}`);
      if (row) return { checkpoint, row: { ...row }, reasons };
    }
    return { checkpoint: undefined, row: undefined, reasons };
  } finally {
    await pipeline.stop();
  }
}

/** A valid event of study "..", which must not become a `..` segment of its checkpoint key. */
export function dotDotStudyFile(prefix: string): SuiteFile {
  const event = { ...randomEvent(createRandom(11), 0), study: '..', datatype: 'apoe' as const, module: null };
  return {
    key: `${prefix}dot-dot-study.json`,
    body: Buffer.from(JSON.stringify(event)),
    expect: 'valid',
    event
  };
}

/** An event whose ptid is a number, not a string. */
export function numericPtidFile(prefix: string): SuiteFile {
  const event = { ...randomEvent(createRandom(12), 0), ptid: 110160 };
  return { key: `${prefix}numeric-ptid.json`, body: Buffer.from(JSON.stringify(event)), expect: 'invalid' };
}

/** An event file whose center_label is written with an unpaired surrogate escape (\ud800). */
export function loneSurrogateFile(prefix: string): SuiteFile {
  const event = { ...randomEvent(createRandom(10), 0), center_label: 'alpha' };
  const text = JSON.stringify(event).replace('"alpha"', '"al\\ud800pha"');
  return { key: `${prefix}lone-surrogate.json`, body: Buffer.from(text), expect: 'invalid' };
}
