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

/** Rows appended per checkpoint key (each appended object counts its rows). */
export function appendedPerCheckpoint(results: readonly ChangeResult[]): Map<string, number> {
  const checkpoints = new Map<string, number>();
  for (const r of results) {
    if (r.status === 'appended') checkpoints.set(r.checkpoint, (checkpoints.get(r.checkpoint) ?? 0) + r.rows);
  }
  return checkpoints;
}

type CheckpointSummary = ProcessingMetrics['checkpoints'][number];

/**
 * What happened to each checkpoint the run touched: `saved` (rows appended; its size and row count
 * after the commit), `unchanged` (every object already applied), `failed` (the commit failed; its
 * objects will be retried).
 */
export function checkpointSummaries(results: readonly ChangeResult[]): CheckpointSummary[] {
  const byKey = new Map<string, CheckpointSummary>();
  const entry = (key: string): CheckpointSummary => {
    let summary = byKey.get(key);
    if (!summary) byKey.set(key, (summary = { key, rows_appended: 0, status: 'unchanged' }));
    return summary;
  };
  for (const r of results) {
    if (r.status === 'appended') {
      const summary = entry(r.checkpoint);
      summary.rows_appended += r.rows;
      summary.total_rows = Math.max(summary.total_rows ?? 0, r.totalRows);
      summary.bytes = r.bytes;
      if (summary.status !== 'failed') summary.status = 'saved';
    } else if (r.status === 'already-applied') {
      entry(r.checkpoint);
    } else if (r.status === 'failed' && r.checkpoint !== undefined) {
      Object.assign(entry(r.checkpoint), {
        status: 'failed',
        error: String((r.error as Error)?.message ?? r.error)
      });
    }
  }
  return [...byKey.values()];
}

/** The standard result document of a run (schema: processing-metrics). */
export function summarize(results: readonly ChangeResult[], startedAt: number): ProcessingMetrics {
  const count = countByStatus(results);
  const checkpoints = checkpointSummaries(results);
  return {
    processed: count.appended,
    failed: count.failed,
    filtered: count.filtered,
    quarantined: count.quarantined,
    duplicates: count.duplicate + count['already-applied'],
    duration_ms: Date.now() - startedAt,
    output_bytes: checkpoints.reduce((sum, c) => sum + (c.status === 'saved' ? (c.bytes ?? 0) : 0), 0),
    checkpoints
  };
}
