import { generateSampleFiles, INVALID_SAMPLES } from '@reporting/test-kit';
import { createRandom } from '@reporting/utils';
import { identicalCopy } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';
import { EVENT_PREFIX, startReliabilityPipeline } from '../pipeline/reliability-pipeline';
import { collectOutcome, durationPercentiles, redeliveries, type ScenarioResult } from './scenario-result';

export interface DuplicatesOptions {
  /** Valid files (besides sandbox, invalid and identical copies). */
  validFiles: number;
  sandboxFiles: number;
  invalidFiles: number;
  /** Valid files uploaded a second time under another key with the same content (both must be kept). */
  identicalCopies: number;
  /** Every notification is delivered this many times, in shuffled order. */
  deliveries: number;
  concurrency: number;
  seed: number;
  drainTimeoutMs: number;
}

/** The app's sample files as suite files (the invalid ones with the reason they must get). */
export function duplicatesInput(options: DuplicatesOptions): SuiteFile[] {
  const samples = generateSampleFiles({
    prefix: EVENT_PREFIX,
    valid: options.validFiles,
    sandbox: options.sandboxFiles,
    invalid: options.invalidFiles,
    seed: options.seed
  });
  const files: SuiteFile[] = samples.map(({ reason: _reason, ...sample }) => {
    const kind = INVALID_SAMPLES.find((k) => sample.key.includes(`/${k.name}-`));
    return sample.expect === 'invalid' && kind
      ? { ...sample, kind: kind.name, reason: { startsWith: kind.reason } }
      : { ...sample };
  });
  const random = createRandom(options.seed + 1);
  const valid = files.filter((f) => f.expect === 'valid');
  for (let i = 0; i < options.identicalCopies && valid.length > 0; i++) {
    files.push(identicalCopy(valid[Math.floor(random() * valid.length)], String(i)));
  }
  return files;
}

/**
 * R1: every S3 notification delivered `deliveries` times in shuffled order → the checkpoints hold
 * exactly the unique valid events (one row per valid object), every invalid file is quarantined once.
 */
export async function runDuplicates(options: DuplicatesOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const files = duplicatesInput(options);
  const pipeline = await startReliabilityPipeline({
    queue: {
      deliveriesPerMessage: options.deliveries,
      shuffle: true,
      seed: options.seed,
      concurrency: options.concurrency
    }
  });
  try {
    await pipeline.uploadAll(files);
    await pipeline.queue.drained(options.drainTimeoutMs);
    const processedAt = Date.now();
    const outcome = await collectOutcome(pipeline, files);
    const messages = pipeline.queue.invocations.reduce((n, i) => n + i.messageIds.length, 0);
    return {
      id: 'R1',
      title: 'duplicates: every notification delivered several times, shuffled',
      parameters: { ...options },
      figures: {
        files: files.length,
        'valid files': files.filter((f) => f.expect === 'valid').length,
        'identical-content copies (kept as separate events)': options.identicalCopies,
        'messages handled (deliveries × notifications + S3 test event)': messages,
        invocations: pipeline.queue.invocations.length,
        'invocation time p50 / p99 / max, s': durationPercentiles(pipeline.environments.durations),
        'redelivered messages': redeliveries(pipeline).redelivered,
        'checkpoint rows': outcome.exactlyOnce.rows,
        'expected rows (unique valid events)': outcome.exactlyOnce.expectedRows,
        'duplicate rows': outcome.exactlyOnce.duplicated.length,
        'missing rows': outcome.exactlyOnce.missing.length,
        'quarantine records / invalid files': `${outcome.quarantine.records} / ${outcome.quarantine.invalidFiles}`,
        'dead letters': outcome.deadLetters.total,
        'processing time (upload → drained), s': ((processedAt - started) / 1000).toFixed(1)
      },
      ...outcome,
      durationMs: Date.now() - started
    };
  } finally {
    await pipeline.stop();
  }
}
