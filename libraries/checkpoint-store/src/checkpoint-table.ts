import type { TableDefinition } from '@reporting/schemas';

import {
  append,
  appendBatches,
  type AppendBatchesResult,
  type AppendResult,
  type CheckpointWriteOptions,
  type SourceBatch
} from './append';
import { compactCheckpoint, type CompactResult } from './compact';
import { batchesOfRows, replaceCheckpoint, type ReplaceResult } from './replace';
import type { CheckpointColumns } from './parquet/row-decoder';
import { checkpointStats, type CheckpointStats, readCheckpointColumns, readCheckpointRows } from './read';
import type { Source } from './sources/source';
import type { ObjectStore } from './store/object-store';
import type { ColumnBatch } from './table/column-batch';
import { rowFromRecord } from './table/row-from-record';
import { type TableLayout, tableLayout } from './table/table-layout';
import type { TableRow } from './table/table-row';

/**
 * The checkpoint engine for one table: append (O(new rows), exactly once per source, conditional
 * commits), compaction, reads and stats of checkpoint parquet files shaped by a table definition
 * generated from a JSON Schema (`@reporting/schemas`' `<camelName>Table`). A file written under an
 * older version of the table (fewer columns, other types it can be read into) is upgraded once by
 * the next append or compaction.
 */
export class CheckpointTable<Row extends object = Record<string, unknown>> {
  private constructor(private readonly layout: TableLayout) {}

  /**
   * The engine of a table definition (build it once per cold start). `Row` types what reads return:
   * the schema's generated `<Title>Row` (e.g. `CheckpointTable.of<VisitEventRow>(visitEventTable)`).
   */
  static of<Row extends object = Record<string, unknown>>(definition: TableDefinition): CheckpointTable<Row> {
    return new CheckpointTable<Row>(tableLayout(definition));
  }

  get definition(): TableDefinition {
    return this.layout.definition;
  }

  /** Column names in file order. */
  get columnNames(): readonly string[] {
    return this.layout.columnNames;
  }

  /** The row of a record validated by the table's JSON Schema (dates to days, date-times to µs, …). */
  rowFromRecord(record: Readonly<Record<string, unknown>>): TableRow {
    return rowFromRecord(this.layout, record);
  }

  /** Appends the rows of one source; a no-op (status 'skipped') if that source is already recorded. */
  append(
    store: ObjectStore,
    key: string,
    rows: readonly TableRow[],
    source: Source,
    options?: CheckpointWriteOptions
  ): Promise<AppendResult> {
    return append(this.layout, store, key, rows, source, options);
  }

  /** Appends rows from several sources in one conditional commit (see appendBatches). */
  appendBatches(
    store: ObjectStore,
    key: string,
    batches: readonly SourceBatch[],
    options?: CheckpointWriteOptions
  ): Promise<AppendBatchesResult> {
    return appendBatches(this.layout, store, key, batches, options);
  }

  /** Replaces the whole checkpoint with the rows of one source, atomically, sorted by the sort column (see replaceCheckpoint). */
  replace(
    store: ObjectStore,
    key: string,
    rows: readonly TableRow[],
    source: Source,
    options: CheckpointWriteOptions = {}
  ): Promise<ReplaceResult> {
    const batches = batchesOfRows(this.layout, rows, source, options);
    return replaceCheckpoint(this.layout, store, key, batches, source, options);
  }

  /**
   * Replaces the whole checkpoint with rows streamed as column batches, atomically: one row group per
   * batch, encoded as it arrives; if a batch is refused or the stream throws, nothing is written.
   */
  replaceBatches(
    store: ObjectStore,
    key: string,
    batches: Iterable<ColumnBatch> | AsyncIterable<ColumnBatch>,
    source: Source,
    options?: CheckpointWriteOptions
  ): Promise<ReplaceResult> {
    return replaceCheckpoint(this.layout, store, key, batches, source, options);
  }

  /** Full compaction (sorted, analytics-sized row groups, repeated sources dropped); undefined without a file. */
  compact(
    store: ObjectStore,
    key: string,
    options?: CheckpointWriteOptions
  ): Promise<CompactResult | undefined> {
    return compactCheckpoint(this.layout, store, key, options);
  }

  /** Every row, in file order; [] when there is no checkpoint. */
  async readRows(store: ObjectStore, key: string): Promise<Row[]> {
    return (await readCheckpointRows(this.layout, store, key)) as Row[];
  }

  /** Selected columns (default all) as arrays; undefined when there is no checkpoint. */
  readColumns(
    store: ObjectStore,
    key: string,
    columns?: readonly string[]
  ): Promise<CheckpointColumns | undefined> {
    return readCheckpointColumns(this.layout, store, key, columns);
  }

  /** Size and shape from the footer alone; undefined when there is no checkpoint. */
  stats(store: ObjectStore, key: string): Promise<CheckpointStats | undefined> {
    return checkpointStats(this.layout, store, key);
  }
}
