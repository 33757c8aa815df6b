import { createRandom, shuffleInPlace } from '@reporting/utils';
import { BAD_FILE_KINDS, badFiles, type BadFileKind } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';
import { validFiles } from '@reporting/test-kit';
import { EVENT_PREFIX, ReliabilityPipeline } from '../pipeline/reliability-pipeline';
import { collectOutcome, durationPercentiles, redeliveries, type ScenarioResult } from './scenario-result';

export interface BadInputOptions {
  badFiles: number;
  validFiles: number;
  /** Valid files written with a UTF-8 byte-order mark (tolerated: they must land). */
  validWithBom: number;
  /** The lambda's MAX_FILE_BYTES (production default 1 MiB). */
  maxFileBytes: number;
  concurrency: number;
  seed: number;
  drainTimeoutMs: number;
  kinds?: readonly BadFileKind[];
}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

export function badInput(options: BadInputOptions): SuiteFile[] {
  const random = createRandom(options.seed);
  const valid = validFiles(random, {
    prefix: `${EVENT_PREFIX}mixed/`,
    count: options.validFiles + options.validWithBom
  });
  for (const file of valid.slice(0, options.validWithBom)) file.body = Buffer.concat([UTF8_BOM, file.body]);
  const bad = badFiles(random, {
    prefix: EVENT_PREFIX,
    count: options.badFiles,
    maxFileBytes: options.maxFileBytes,
    ...(options.kinds ? { kinds: options.kinds } : {})
  });
  return shuffleInPlace([...valid, ...bad], random);
}

/**
 * R4: bad files of every kind mixed into the same batches as valid ones → each bad file quarantined
 * once with a reason naming its problem, every valid file lands once, no invocation fails.
 */
export async function runBadInput(options: BadInputOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const files = badInput(options);
  const pipeline = await ReliabilityPipeline.start({
    queue: { concurrency: options.concurrency, shuffle: true, seed: options.seed },
    lambdaEnvironment: { MAX_FILE_BYTES: String(options.maxFileBytes) }
  });
  try {
    await pipeline.uploadAll(files, 16);
    await pipeline.queue.drained(options.drainTimeoutMs);
    const outcome = await collectOutcome(pipeline, files);
    const failedInvocations = pipeline.queue.invocations.filter((i) => i.outcome !== 'succeeded');
    if (failedInvocations.length > 0) {
      outcome.violations.push(
        `${failedInvocations.length} invocations failed: ${String(failedInvocations[0].error ?? 'partial batch failure')}`
      );
    }
    const mixedBatches = pipeline.queue.invocations.filter(
      (invocation) => invocation.messageIds.length > 1
    ).length;
    const kinds = options.kinds ?? BAD_FILE_KINDS;
    return {
      id: 'R4',
      title: 'bad input: every kind of broken file mixed with valid ones',
      parameters: { ...options, kinds: kinds.length },
      figures: {
        'bad files': options.badFiles,
        'bad-file kinds': kinds.length,
        'valid files in the same batches (incl. UTF-8 BOM)': options.validFiles + options.validWithBom,
        invocations: pipeline.queue.invocations.length,
        'invocation time p50 / p99 / max, s': durationPercentiles(pipeline.environments.durations),
        'invocations with more than one file': mixedBatches,
        'failed invocations (handler threw or timed out)': failedInvocations.length,
        'redelivered messages': redeliveries(pipeline).redelivered,
        'quarantine records': outcome.quarantine.records,
        'quarantined without a specific reason': outcome.quarantine.unspecific.length,
        'bad files not quarantined': outcome.quarantine.missing.length,
        'valid rows / expected': `${outcome.exactlyOnce.rows} / ${outcome.exactlyOnce.expectedRows}`,
        'dead letters': outcome.deadLetters.total,
        'quarantined by kind': Object.entries(outcome.quarantine.byKind)
          .map(([kind, n]) => `${kind} ${n}`)
          .join(', ')
      },
      ...outcome,
      durationMs: Date.now() - started
    };
  } finally {
    await pipeline.stop();
  }
}
