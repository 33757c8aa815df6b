import { InvalidRowError } from '../errors';
import type { Source } from '../sources/source';
import { ColumnVector } from './column-vector';
import type { TableLayout } from './table-layout';
import { lineageValue, type TableRow, valueProblem } from './table-row';

/**
 * Rows as columns: one array or ColumnVector per data column, each `rowCount` long, values in the
 * engine's types (as in TableRow). A data column absent from `columns` is null in every row. What a
 * columnar source (a CSV export parsed per column) hands the engine without building a row object
 * per record; vectors (already checked as they were filled) skip the per-value check and encode
 * straight from their buffers.
 */
export interface ColumnBatch {
  readonly rowCount: number;
  readonly columns: Readonly<Record<string, readonly unknown[] | ColumnVector>>;
}

/**
 * Throws InvalidRowError naming the row (counted from `firstRow`), the source and the column when a
 * value does not fit its column, when a column is not the batch's length, or when the batch has a
 * column the table lacks.
 */
export function checkBatch(layout: TableLayout, batch: ColumnBatch, firstRow: number, source: Source): void {
  for (const name of Object.keys(batch.columns)) {
    const column = layout.byName.get(name);
    if (column === undefined || column.lineage) {
      throw new InvalidRowError(`rows from ${source.key}: column ${name} is not a data column of the table`);
    }
  }
  for (const column of layout.dataColumns) {
    const values = batch.columns[column.name];
    if (values === undefined) {
      if (column.repetition === 'REQUIRED' && batch.rowCount > 0) {
        throw new InvalidRowError(`row ${firstRow} from ${source.key}: ${column.name} is required`);
      }
      continue;
    }
    if (values.length !== batch.rowCount) {
      throw new InvalidRowError(
        `rows from ${source.key}: column ${column.name} has ${values.length} values for ${batch.rowCount} rows`
      );
    }
    if (values instanceof ColumnVector) {
      const { type, repetition } = values.column;
      if (type !== column.type || (repetition !== 'REQUIRED' && column.repetition === 'REQUIRED')) {
        throw new InvalidRowError(
          `rows from ${source.key}: column ${column.name} is ${column.repetition} ${column.type}, its vector holds ${repetition} ${type}`
        );
      }
      continue;
    }
    for (let i = 0; i < values.length; i++) {
      const problem = valueProblem(column, values[i]);
      if (problem !== undefined) {
        throw new InvalidRowError(`row ${firstRow + i} from ${source.key}: ${column.name} ${problem}`);
      }
    }
  }
}

/** The columns of rows (data columns only; absent values null). */
export function batchFromRows(layout: TableLayout, rows: readonly TableRow[]): ColumnBatch {
  const columns: Record<string, unknown[]> = {};
  for (const { name } of layout.dataColumns) columns[name] = rows.map((row) => row[name] ?? null);
  return { rowCount: rows.length, columns };
}

/**
 * Every column of the table for one row group of a batch: its data columns (nulls where absent),
 * rows taken in `order` when given, and the lineage columns of one source and ingestion time.
 */
export function storedColumns(
  layout: TableLayout,
  batch: ColumnBatch,
  source: Source,
  ingestedAt: bigint,
  order?: Uint32Array
): Record<string, unknown[] | ColumnVector> {
  const n = batch.rowCount;
  const stored: Record<string, unknown[] | ColumnVector> = {};
  for (const column of layout.columns) {
    if (column.lineage) {
      stored[column.name] = new Array<unknown>(n).fill(lineageValue(column.name, source, ingestedAt));
      continue;
    }
    const given = batch.columns[column.name];
    if (given === undefined) stored[column.name] = new Array<unknown>(n).fill(null);
    else if (order === undefined)
      stored[column.name] = given as unknown[] | ColumnVector; // undefined is written as null
    else {
      const values = given instanceof ColumnVector ? given.toArray() : given;
      stored[column.name] = Array.from(order, (index) => values[index] ?? null);
    }
  }
  return stored;
}
