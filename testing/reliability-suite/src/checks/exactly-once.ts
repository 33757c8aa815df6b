import type { TableRow } from '@reporting/checkpoint-store';
import type { VisitEventRow } from '@reporting/schemas';
import { rowOfEvent } from '../pipeline/visit-rows';
import { renderCheckpointKey } from '@reporting/lambda-runtime';
import type { SuiteFile } from '@reporting/test-kit';

/** What the checkpoints hold compared with what they must hold. */
export interface ExactlyOnceReport {
  /** Rows the checkpoints must hold: one per valid file (plus `extraRows`). */
  expectedRows: number;
  rows: number;
  checkpoints: number;
  /** Valid files with no row. */
  missing: string[];
  /** Valid files with more than one row. */
  duplicated: string[];
  /** Rows from no valid file (invalid, sandbox or unknown sources). */
  unexpected: string[];
  /** Rows whose event columns differ from the file's event. */
  altered: string[];
  /** Rows in a checkpoint other than their {study}/{datatype} one. */
  misrouted: string[];
}

export function exactlyOnceHolds(report: ExactlyOnceReport): boolean {
  return (
    report.rows === report.expectedRows &&
    report.missing.length + report.duplicated.length + report.unexpected.length === 0 &&
    report.altered.length + report.misrouted.length === 0
  );
}

const EVENTS_URI = 's3://events/';
const DEFAULT_CHECKPOINT_TEMPLATE = 'checkpoints/{study}/{datatype}/events.parquet';

/** The 13 event columns of a row as comparable text (lineage left out). */
export function eventColumns(row: VisitEventRow | TableRow): string {
  const { action, study, pipeline_adcid, project_label, center_label, gear_name, ptid } =
    row as VisitEventRow;
  const { visit_date, visit_number, datatype, module, packet, timestamp } = row as VisitEventRow;
  return JSON.stringify([
    action,
    study,
    pipeline_adcid,
    project_label,
    center_label,
    gear_name,
    ptid,
    visit_date,
    visit_number,
    datatype,
    module,
    packet,
    String(timestamp)
  ]);
}

/**
 * Compares every checkpoint row with the valid files: each valid file exactly one row, with its
 * event's columns, in its {study}/{datatype} checkpoint; nothing else. `otherSources` are rows the
 * checkpoints may hold from elsewhere (a seeded checkpoint), by source key, with their row count.
 */
export function checkExactlyOnce(
  files: readonly SuiteFile[],
  checkpoints: ReadonlyMap<string, readonly VisitEventRow[]>,
  otherSources: ReadonlyMap<string, number> = new Map(),
  template: string = DEFAULT_CHECKPOINT_TEMPLATE
): ExactlyOnceReport {
  const expected = new Map<string, string>();
  for (const file of files) {
    if (file.expect === 'valid')
      expected.set(`${EVENTS_URI}${file.key}`, eventColumns(rowOfEvent(file.event!)));
  }
  const seen = new Map<string, number>();
  const report: ExactlyOnceReport = {
    expectedRows: expected.size + [...otherSources.values()].reduce((a, b) => a + b, 0),
    rows: 0,
    checkpoints: checkpoints.size,
    missing: [],
    duplicated: [],
    unexpected: [],
    altered: [],
    misrouted: []
  };
  for (const [checkpoint, rows] of checkpoints) {
    for (const row of rows) {
      report.rows++;
      const source = row.source_key ?? '(no lineage)';
      seen.set(source, (seen.get(source) ?? 0) + 1);
      if (otherSources.has(source)) continue;
      const columns = expected.get(source);
      if (columns === undefined) {
        report.unexpected.push(source);
        continue;
      }
      if (columns !== eventColumns(row)) report.altered.push(source);
      if (renderCheckpointKey(template, { study: row.study, datatype: row.datatype }) !== checkpoint) {
        report.misrouted.push(`${source} in ${checkpoint}`);
      }
    }
  }
  for (const source of expected.keys()) {
    const count = seen.get(source) ?? 0;
    if (count === 0) report.missing.push(source);
    if (count > 1) report.duplicated.push(source);
  }
  for (const [source, rows] of otherSources) {
    if ((seen.get(source) ?? 0) !== rows)
      report.duplicated.push(`${source} (${seen.get(source) ?? 0} of ${rows} rows)`);
  }
  return report;
}
