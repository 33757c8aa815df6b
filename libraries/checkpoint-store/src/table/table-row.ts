import type { TableColumn } from '@reporting/schemas';

import { InvalidRowError } from '../errors';
import type { Source } from '../sources/source';
import { INGESTED_AT, SOURCE_KEY, SOURCE_VERSION, type TableLayout } from './table-layout';

/**
 * One row of a table in the engine's value types, by column type: string → string; date → days
 * since 1970-01-01 (number); timestamp → microseconds since the epoch, UTC (bigint: a Date would
 * drop the microseconds); int32 → number; int64 → bigint; double → number; boolean → boolean;
 * json → any JSON value (stored as JSON text). Absent or null → null. `rowFromRecord` makes one
 * from a record validated by the table's JSON Schema.
 */
export type TableRow = Readonly<Record<string, unknown>>;

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** Why a value cannot be stored in a column, or undefined when it can. */
export function valueProblem(column: TableColumn, value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return column.repetition === 'REQUIRED' ? 'is required' : undefined;
  }
  switch (column.type) {
    case 'string':
      return typeof value === 'string' ? undefined : 'must be a string';
    case 'int32':
      return Number.isInteger(value) && (value as number) >= INT32_MIN && (value as number) <= INT32_MAX
        ? undefined
        : `must be a 32-bit integer, got ${describe(value)}`;
    case 'date':
      return Number.isInteger(value)
        ? undefined
        : `must be a whole number of days since 1970-01-01, got ${describe(value)}`;
    case 'int64':
      return typeof value === 'bigint' ? undefined : `must be a bigint, got ${describe(value)}`;
    case 'timestamp':
      return typeof value === 'bigint'
        ? undefined
        : `must be a bigint of microseconds since the epoch, got ${describe(value)}`;
    case 'double':
      return typeof value === 'number' ? undefined : `must be a number, got ${describe(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be a boolean, got ${describe(value)}`;
    case 'json':
      return undefined;
  }
}

function describe(value: unknown): string {
  return typeof value === 'bigint' ? `${value}n` : `${typeof value} ${String(value).slice(0, 40)}`;
}

/** Throws InvalidRowError naming the row, its source and the column when a row does not fit the table. */
export function checkRow(layout: TableLayout, row: TableRow, index: number, source: Source): void {
  for (const column of layout.dataColumns) {
    const problem = valueProblem(column, row[column.name]);
    if (problem !== undefined) {
      throw new InvalidRowError(`row ${index} from ${source.key}: ${column.name} ${problem}`);
    }
  }
}

/** The stored form of an appended row: every column present (null when absent) and its lineage. */
export function withLineage(
  layout: TableLayout,
  row: TableRow,
  source: Source,
  ingestedAt: bigint
): Record<string, unknown> {
  const stored: Record<string, unknown> = {};
  for (const column of layout.columns) {
    if (column.lineage) {
      stored[column.name] = lineageValue(column.name, source, ingestedAt);
    } else {
      stored[column.name] = row[column.name] ?? null;
    }
  }
  return stored;
}

/** The value of a lineage column for rows of `source` ingested at `ingestedAt`. */
export function lineageValue(name: string, source: Source, ingestedAt: bigint): unknown {
  switch (name) {
    case SOURCE_KEY:
      return source.key;
    case SOURCE_VERSION:
      return source.version;
    case INGESTED_AT:
      return ingestedAt;
    default:
      return null;
  }
}

/** Orders two values of one column; null before any value. */
export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Stable sort by the table's sort column (rows with equal values keep their order); as given without one. */
export function sortRows<T extends TableRow>(layout: TableLayout, rows: T[]): T[] {
  const column = layout.sortColumn;
  if (column === null) return rows;
  return rows.sort((a, b) => compareValues(a[column], b[column]));
}
