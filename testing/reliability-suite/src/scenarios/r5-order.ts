import { visits } from '../pipeline/visit-rows';
import { randomEvent } from '@reporting/test-kit';
import type { VisitEvent } from '@reporting/schemas';
import { createRandom, shuffleInPlace, type Random } from '@reporting/utils';
import { checkExactlyOnce, exactlyOnceHolds } from '../checks/exactly-once';
import { firstOutOfOrder, rowGroups } from '../checks/timestamp-order';
import type { SuiteFile } from '@reporting/test-kit';
import { identicalCopy, validFile } from '@reporting/test-kit';
import { EVENT_PREFIX, startReliabilityPipeline } from '../pipeline/reliability-pipeline';
import { collectOutcome, type ScenarioResult } from './scenario-result';

export interface OrderOptions {
  /** Visits, each with submit → not-pass-qc → pass-qc events over the following days. */
  visits: number;
  /** Extra events with timestamps years older, arriving among the new ones. */
  lateEvents: number;
  /** Files repeating another file's content under a new key (both kept). */
  identicalCopies: number;
  /** Files uploaded per wave; the queue works between waves, so commits interleave with arrivals. */
  waveSize: number;
  batchSize: number;
  seed: number;
  drainTimeoutMs: number;
}

const DAY_MS = 86_400_000;
const isoSeconds = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z');
const STUDIES = ['adrc', 'dvcid'];

function visitHistory(random: Random, index: number): VisitEvent[] {
  const base = { ...randomEvent(random, index), datatype: 'apoe' as const, module: null };
  const study = STUDIES[index % STUDIES.length];
  const event = { ...base, study, project_label: `ingest-apoe-${study}` };
  const t0 = Date.parse(event.timestamp);
  return (['submit', 'not-pass-qc', 'pass-qc'] as const).map((action, step) => ({
    ...event,
    action,
    timestamp: isoSeconds(t0 + step * DAY_MS + Math.floor(random() * 3600) * 1000)
  }));
}

export function orderInput(options: OrderOptions): SuiteFile[] {
  const random = createRandom(options.seed);
  const files: SuiteFile[] = [];
  let index = 0;
  for (let v = 0; v < options.visits; v++) {
    for (const event of visitHistory(random, v))
      files.push(validFile(`${EVENT_PREFIX}order/`, event, index++));
  }
  for (let i = 0; i < options.lateEvents; i++) {
    const study = STUDIES[i % STUDIES.length];
    const old = Date.UTC(2019, 0, 1) + Math.floor(random() * 3 * 365) * DAY_MS;
    const event = {
      ...randomEvent(random, i),
      study,
      datatype: 'apoe' as const,
      module: null,
      project_label: `ingest-apoe-${study}`,
      timestamp: isoSeconds(old)
    };
    files.push(validFile(`${EVENT_PREFIX}order-late/`, event, index++));
  }
  const originals = files.length;
  for (let i = 0; i < options.identicalCopies; i++) {
    files.push(identicalCopy(files[Math.floor(random() * originals)], String(i)));
  }
  return shuffleInPlace(files, random);
}

/**
 * R5: files arrive in random order (histories reversed, old events late, identical contents) → every
 * event kept; each row group sorted by timestamp; after full compaction (compactCheckpoint) each
 * checkpoint is globally sorted, with no row lost or removed as a duplicate.
 */
export async function runOrder(options: OrderOptions): Promise<ScenarioResult> {
  const started = Date.now();
  const files = orderInput(options);
  const pipeline = await startReliabilityPipeline({
    queue: { batchSize: options.batchSize, shuffle: true, seed: options.seed }
  });
  try {
    for (let i = 0; i < files.length; i += options.waveSize) {
      await pipeline.uploadAll(files.slice(i, i + options.waveSize));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await pipeline.queue.drained(options.drainTimeoutMs);
    const outcome = await collectOutcome(pipeline, files);
    let rowGroupsTotal = 0;
    let unsortedGroups = 0;
    let unsortedBefore = 0;
    let removedByCompaction = 0;
    let unsortedAfter = 0;
    const keys = await pipeline.checkpointKeys();
    for (const key of keys) {
      const stats = (await visits.stats(pipeline.store, key))!;
      const rows = await pipeline.checkpointRows(key);
      const groups = rowGroups(rows, stats.rowGroupRows);
      rowGroupsTotal += groups.length;
      unsortedGroups += groups.filter((group) => firstOutOfOrder(group) !== -1).length;
      if (firstOutOfOrder(rows) !== -1) unsortedBefore++;
      const compacted = (await visits.compact(pipeline.store, key))!;
      removedByCompaction += compacted.duplicateRowsRemoved;
      if (firstOutOfOrder(await pipeline.checkpointRows(key)) !== -1) unsortedAfter++;
    }
    const afterCompaction = checkExactlyOnce(files, await pipeline.allCheckpointRows());
    if (unsortedGroups > 0) outcome.violations.push(`${unsortedGroups} row groups not sorted by timestamp`);
    if (removedByCompaction > 0)
      outcome.violations.push(`compaction removed ${removedByCompaction} duplicate rows`);
    if (unsortedAfter > 0)
      outcome.violations.push(`${unsortedAfter} checkpoints not globally sorted after compaction`);
    if (!exactlyOnceHolds(afterCompaction)) {
      outcome.violations.push(
        `after compaction: ${afterCompaction.rows} rows, expected ${afterCompaction.expectedRows}`
      );
    }
    return {
      id: 'R5',
      title: 'order: random arrival order, then full compaction',
      parameters: { ...options },
      figures: {
        files: files.length,
        'visits (3 events each, arriving in random order)': options.visits,
        'late events (years older)': options.lateEvents,
        'identical-content files': options.identicalCopies,
        checkpoints: keys.length,
        'row groups before compaction': rowGroupsTotal,
        'row groups not sorted by timestamp': unsortedGroups,
        'checkpoints globally unsorted before compaction': unsortedBefore,
        'rows kept / expected': `${outcome.exactlyOnce.rows} / ${outcome.exactlyOnce.expectedRows}`,
        'rows removed by compaction as duplicates': removedByCompaction,
        'rows after compaction': afterCompaction.rows,
        'checkpoints globally unsorted after compaction': unsortedAfter
      },
      ...outcome,
      durationMs: Date.now() - started
    };
  } finally {
    await pipeline.stop();
  }
}
