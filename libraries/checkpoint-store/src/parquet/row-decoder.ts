import { parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';
import type { TableColumn } from '@reporting/schemas';

import { IncompatibleSchemaError } from '../errors';
import type { TableLayout } from '../table/table-layout';
import { CHECKPOINT_PARSERS } from './value-parsers';

/** A checkpoint's columns as arrays of the engine's values (see TableRow), by column name. */
export type CheckpointColumns = Record<string, unknown[]>;

/**
 * Decodes rows [rowStart, rowEnd) column by column into the table's value types. Columns the file
 * lacks (added to the table since it was written, or lineage in files written before it existed)
 * come back as nulls; integers are converted to the table's width (narrowing checked), and nulls in
 * columns that may not be null are rejected, so an upgrade never writes what the table forbids.
 */
export async function decodeColumns(
  layout: TableLayout,
  file: AsyncBuffer,
  metadata: FileMetaData,
  range: { rowStart: number; rowEnd: number },
  columnNames: readonly string[] = layout.columnNames
): Promise<CheckpointColumns> {
  const { rowStart, rowEnd } = range;
  const count = Math.max(0, rowEnd - rowStart);
  const present = new Set(metadata.schema.slice(1).map((element) => element.name));
  const wanted = columnNames.filter((name) => present.has(name));
  const out: CheckpointColumns = {};
  for (const name of columnNames) out[name] = new Array<unknown>(count).fill(null);
  if (count > 0 && wanted.length > 0) {
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      rowStart,
      rowEnd,
      parsers: CHECKPOINT_PARSERS,
      onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
        const target = out[columnName];
        const from = Math.max(rowStart, chunkStart);
        const to = Math.min(rowEnd, chunkStart + columnData.length);
        for (let row = from; row < to; row++) target[row - rowStart] = columnData[row - chunkStart];
      }
    });
  }
  for (const name of columnNames) {
    const column = layout.byName.get(name);
    if (column !== undefined) normalise(column, out[name], rowStart);
  }
  return out;
}

function normalise(column: TableColumn, values: unknown[], rowStart: number): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined) {
      if (column.repetition === 'REQUIRED') {
        throw new IncompatibleSchemaError(
          `column "${column.name}" is null at row ${rowStart + i}; the table needs a value there`
        );
      }
      values[i] = null;
    } else if (column.type === 'int32' && typeof value === 'bigint') {
      if (value < -2147483648n || value > 2147483647n) {
        throw new IncompatibleSchemaError(
          `column "${column.name}" holds ${value} at row ${rowStart + i}, outside INT32`
        );
      }
      values[i] = Number(value);
    } else if (column.type === 'int64' && typeof value === 'number') {
      values[i] = BigInt(value);
    }
  }
}

/** Rows [rowStart, rowEnd) as objects. */
export async function decodeRows(
  layout: TableLayout,
  file: AsyncBuffer,
  metadata: FileMetaData,
  range: { rowStart: number; rowEnd: number }
): Promise<Record<string, unknown>[]> {
  return columnsToRows(layout.columnNames, await decodeColumns(layout, file, metadata, range));
}

/** Row objects (keys in `names` order) from columns. */
export function columnsToRows(
  names: readonly string[],
  columns: CheckpointColumns
): Record<string, unknown>[] {
  const count = names.length === 0 ? 0 : columns[names[0]].length;
  const rows = new Array<Record<string, unknown>>(count);
  for (let i = 0; i < count; i++) {
    const row: Record<string, unknown> = {};
    for (const name of names) row[name] = columns[name][i];
    rows[i] = row;
  }
  return rows;
}
