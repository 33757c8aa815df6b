import type { ProcessingMetrics } from '@reporting/schemas';
import { CHANGE_STATUSES, type ChangeResult } from './outcomes';

/** How many results have each status. */
export function countByStatus(results: readonly ChangeResult[]): Record<ChangeResult['status'], number> {
  const counts = Object.fromEntries(CHANGE_STATUSES.map((status) => [status, 0])) as Record<
    ChangeResult['status'],
    number
  >;
  for (const result of results) counts[result.status]++;
  return counts;
}

/** Rows appended per checkpoint key (one row per appended object). */
export function appendedPerCheckpoint(results: readonly ChangeResult[]): Map<string, number> {
  const checkpoints = new Map<string, number>();
  for (const r of results) {
    if (r.status === 'appended') checkpoints.set(r.checkpoint, (checkpoints.get(r.checkpoint) ?? 0) + 1);
  }
  return checkpoints;
}

/** The standard result document of a run (schema: processing-metrics). */
export function summarize(results: readonly ChangeResult[], startedAt: number): ProcessingMetrics {
  const count = countByStatus(results);
  return {
    processed: count.appended,
    failed: count.failed,
    filtered: count.filtered,
    quarantined: count.quarantined,
    duplicates: count.duplicate + count['already-applied'],
    duration_ms: Date.now() - startedAt,
    output_bytes: 0,
    checkpoints: [...appendedPerCheckpoint(results)].map(([key, rows]) => ({
      key,
      rows_appended: rows,
      status: 'saved' as const
    }))
  };
}
