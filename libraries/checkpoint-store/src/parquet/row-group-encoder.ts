import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource } from 'hyparquet-writer';
import type { KeyValue } from 'hyparquet';

import type { TableLayout } from '../table/table-layout';
import type { TableRow } from '../table/table-row';
import type { CheckpointColumns } from './row-decoder';
import type { ThriftStruct } from '../thrift/compact-thrift';
import { rowGroupStructs } from './parquet-footer';
import { ColumnVector, columnVector } from '../table/column-vector';
import { writeColumnVectorChunk } from './column-vector-chunk';
import { PageCompressor } from './page-compressor';
import { ChunkedByteWriter } from './chunked-byte-writer';

export const CREATED_BY = '@reporting/checkpoint-store (hyparquet-writer)';

/**
 * Column layout choices (docs/decisions): timestamps are sorted within a row group, so
 * DELTA_BINARY_PACKED stores them in a few bits per row; strings let hyparquet-writer pick
 * dictionary encoding where it pays (all but the per-file source_key/source_version).
 */
function columnSources(layout: TableLayout, rows: readonly TableRow[]): ColumnSource[] {
  return layout.columns.map(({ name, type }) =>
    columnSource(
      name,
      type,
      rows.map((row) => row[name])
    )
  );
}

function columnSource(name: string, type: string, data: unknown[]): ColumnSource {
  const source: ColumnSource = { name, data, offsetIndex: false, columnIndex: false };
  if (type === 'timestamp') source.encoding = 'DELTA_BINARY_PACKED';
  return source;
}

/**
 * Encodes rows (already in the order they should be stored) as row groups whose bytes begin at
 * file offset `offset`. Returns the data bytes and the thrift row-group entries to put in a footer.
 */
export function encodeRowGroups(
  layout: TableLayout,
  rows: readonly TableRow[],
  offset: number,
  rowGroupRows: number
): { data: Uint8Array; rowGroups: ThriftStruct[] } {
  if (rows.length === 0) return { data: new Uint8Array(0), rowGroups: [] };
  const writer = new ByteWriter();
  // ParquetWriter starts by writing the 4-byte magic; start it 4 bytes early so the row-group
  // data lands at `offset` and every page offset it records is absolute in the target file.
  writer.offset = offset - 4;
  const parquet = new ParquetWriter({
    writer,
    schema: layout.schemaElements.map((element) => ({ ...element })),
    createdBy: CREATED_BY
  });
  expectSynchronous(parquet.write({ columnData: columnSources(layout, rows), rowGroupSize: rowGroupRows }));
  const dataEndIndex = writer.index;
  expectSynchronous(parquet.finish());
  const bytes = writer.getBytes();
  return {
    data: bytes.slice(4, dataEndIndex),
    rowGroups: rowGroupStructs(bytes.subarray(dataEndIndex))
  };
}

/**
 * A checkpoint file written one row group at a time: magic, then each `writeRowGroup`'s columns
 * (table order, lineage included), then `finish` writes the footer with the key-value entries and
 * returns the file. Memory is the encoded bytes so far plus the row group being written.
 */
export class CheckpointFileEncoder {
  private readonly writer: ChunkedByteWriter;
  private readonly parquet: ParquetWriter;
  private readonly compressor = new PageCompressor();

  constructor(
    private readonly layout: TableLayout,
    keyValues: Record<string, string>
  ) {
    this.writer = new ChunkedByteWriter(1 << 20);
    const kvMetadata: KeyValue[] = Object.entries(keyValues).map(([key, value]) => ({ key, value }));
    this.parquet = new ParquetWriter({
      writer: this.writer,
      schema: layout.schemaElements.map((element) => ({ ...element })),
      createdBy: CREATED_BY,
      kvMetadata
    });
  }

  /**
   * One row group of `columns` (by column name, every column of the table, equal lengths); nothing
   * for 0 rows. Columns given as ColumnVectors take the vector encoder (the whole group does).
   */
  writeRowGroup(
    columns: Readonly<Record<string, readonly unknown[] | ColumnVector>>,
    rowCount: number
  ): void {
    if (rowCount === 0) return;
    if (Object.values(columns).some((values) => values instanceof ColumnVector)) {
      this.writeVectorRowGroup(columns, rowCount);
      return;
    }
    const columnData = this.layout.columns.map(({ name, type }) =>
      columnSource(name, type, columns[name] as unknown[])
    );
    expectSynchronous(this.parquet.write({ columnData, rowGroupSize: rowCount }));
  }

  private writeVectorRowGroup(
    columns: Readonly<Record<string, readonly unknown[] | ColumnVector>>,
    rowCount: number
  ): void {
    const groupStart = this.writer.offset;
    const chunks = this.layout.columns.map((column, index) => {
      const given = columns[column.name];
      let vector: ColumnVector;
      if (given instanceof ColumnVector) vector = given;
      else {
        vector = columnVector(column, rowCount);
        for (const value of given) vector.push(value);
      }
      if (vector.length !== rowCount) {
        throw new Error(`column ${column.name} has ${vector.length} values for ${rowCount} rows`);
      }
      return writeColumnVectorChunk(
        this.writer,
        vector,
        this.layout.schemaElements[index + 1],
        this.compressor
      );
    });
    let totalByteSize = 0n;
    for (const chunk of chunks) totalByteSize += chunk.meta_data?.total_uncompressed_size ?? 0n;
    // ParquetWriter keeps the row groups it writes the footer from; this group joins them.
    this.parquet.row_groups.push({
      columns: chunks,
      total_byte_size: totalByteSize,
      num_rows: BigInt(rowCount),
      total_compressed_size: BigInt(this.writer.offset - groupStart)
    });
    this.parquet.num_rows += BigInt(rowCount);
    this.compressor.endRowGroup();
    this.writer.flush();
  }

  /** Bytes written so far (the file's size once finished). */
  get bytesWritten(): number {
    return this.writer.offset;
  }

  /**
   * The bytes written since the last take, as chunks (no copy): a file streamed out while it is
   * encoded takes them after each row group, then `finishChunks`. Not with `finish`, which returns
   * every byte.
   */
  takeChunks(): Uint8Array[] {
    return this.writer.takeChunks();
  }

  /** The footer, and any bytes not taken yet, as chunks. */
  finishChunks(): Uint8Array[] {
    expectSynchronous(this.parquet.finish());
    return this.writer.takeChunks();
  }

  finish(): Uint8Array {
    expectSynchronous(this.parquet.finish());
    return this.writer.takeAll();
  }
}

/** A complete checkpoint file: magic, row groups of `rowGroupRows`, footer with the key-value entries. */
export function encodeCheckpointFile(
  layout: TableLayout,
  rows: readonly TableRow[],
  rowGroupRows: number,
  keyValues: Record<string, string>
): Uint8Array {
  const encoder = new CheckpointFileEncoder(layout, keyValues);
  for (let start = 0; start < rows.length; start += rowGroupRows) {
    const group = rows.slice(start, start + rowGroupRows);
    encoder.writeRowGroup(columnsOfRows(layout, group), group.length);
  }
  return encoder.finish();
}

function columnsOfRows(layout: TableLayout, rows: readonly TableRow[]): Record<string, unknown[]> {
  const columns: Record<string, unknown[]> = {};
  for (const name of layout.columnNames) columns[name] = rows.map((row) => row[name]);
  return columns;
}

/**
 * A complete checkpoint file from columns, taking rows in `order` (indexes into the columns), one
 * row group of columns materialised at a time.
 */
export function encodeColumnsAsFile(
  layout: TableLayout,
  columns: CheckpointColumns,
  order: Uint32Array,
  rowGroupRows: number,
  keyValues: Record<string, string>
): Uint8Array {
  const encoder = new CheckpointFileEncoder(layout, keyValues);
  for (let start = 0; start < order.length; start += rowGroupRows) {
    const slice = order.subarray(start, Math.min(order.length, start + rowGroupRows));
    const group: Record<string, unknown[]> = {};
    for (const name of layout.columnNames) {
      const values = columns[name];
      group[name] = Array.from(slice, (index) => values[index]);
    }
    encoder.writeRowGroup(group, slice.length);
  }
  return encoder.finish();
}

/** ParquetWriter only goes asynchronous for writers with an async flush; ByteWriter has none. */
function expectSynchronous(result: void | Promise<void>): void {
  if (result !== undefined) throw new Error('hyparquet-writer unexpectedly wrote asynchronously');
}
