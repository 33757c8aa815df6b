import type { TableColumn } from '@reporting/schemas';

import { InvalidRowError } from '../errors';
import { daysFromIsoDate, timestampMicrosFromIso } from '../timestamps';
import type { TableLayout } from './table-layout';
import type { TableRow } from './table-row';

/**
 * The row of a record validated by the table's JSON Schema, by the documented mapping
 * (schemas/README.md, "Tables"): `format: date` strings become days, date-times microseconds (UTC;
 * without an offset a date-time is UTC), integers of INT64 columns bigints, objects and arrays stay
 * values (stored as JSON text); absent properties become null. Lineage columns are the engine's.
 * Throws InvalidRowError naming the column when a value contradicts its column (the validator
 * should have caught it: this is the last line, not the first).
 */
export function rowFromRecord(layout: TableLayout, record: Readonly<Record<string, unknown>>): TableRow {
  const row: Record<string, unknown> = {};
  for (const column of layout.dataColumns) {
    row[column.name] = columnValue(column, record[column.name]);
  }
  return row;
}

function columnValue(column: TableColumn, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  try {
    switch (column.type) {
      case 'date':
        return typeof value === 'string' ? daysFromIsoDate(value) : value;
      case 'timestamp':
        return typeof value === 'string' ? timestampMicrosFromIso(value) : value;
      case 'int64':
        return typeof value === 'number' && Number.isSafeInteger(value) ? BigInt(value) : value;
      default:
        return value;
    }
  } catch (error) {
    throw new InvalidRowError(`${column.name}: ${(error as Error).message}`);
  }
}
