import { type CheckpointRow, EVENT_COLUMNS, type StoredCheckpointRow } from './checkpoint-schema';
import { InvalidRowError } from './errors';
import type { Source } from './sources/source';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Throws InvalidRowError naming the row and field when a row does not fit the checkpoint columns. */
export function checkRow(row: CheckpointRow, index: number, source: Source): void {
  for (const { name, kind, nullable } of EVENT_COLUMNS) {
    const value = (row as unknown as Record<string, unknown>)[name];
    const where = `row ${index} from ${source.key}: ${name}`;
    if (value === null || value === undefined) {
      if (!nullable) throw new InvalidRowError(`${where} is required`);
      continue;
    }
    if (kind === 'string' && typeof value !== 'string')
      throw new InvalidRowError(`${where} must be a string`);
    if (
      kind === 'int32' &&
      !(Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX)
    ) {
      throw new InvalidRowError(`${where} must be a 32-bit integer, got ${String(value)}`);
    }
    if (kind === 'timestamp' && typeof value !== 'bigint') {
      throw new InvalidRowError(`${where} must be a bigint of microseconds since the epoch`);
    }
  }
}

/** The stored form of an appended row: explicit nulls and the lineage of its source. */
export function withLineage(row: CheckpointRow, source: Source, ingestedAt: bigint): StoredCheckpointRow {
  return {
    action: row.action,
    study: row.study,
    pipeline_adcid: row.pipeline_adcid,
    project_label: row.project_label,
    center_label: row.center_label,
    gear_name: row.gear_name,
    ptid: row.ptid,
    visit_date: row.visit_date,
    visit_number: row.visit_number ?? null,
    datatype: row.datatype,
    module: row.module ?? null,
    packet: row.packet ?? null,
    timestamp: row.timestamp,
    source_key: source.key,
    source_version: source.version,
    ingested_at: ingestedAt
  };
}

/** Stable sort by timestamp (rows with equal timestamps keep their order). */
export function sortByTimestamp<T extends { timestamp: bigint }>(rows: T[]): T[] {
  return rows.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}
