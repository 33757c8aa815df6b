import { parquetRead, type AsyncBuffer, type FileMetaData } from 'hyparquet';

import { CHECKPOINT_COLUMNS, type StoredCheckpointRow } from '../checkpoint-schema';
import { IncompatibleSchemaError } from '../errors';
import { MICROSECOND_TIMESTAMP_PARSERS } from './timestamp-parsers';

export type CheckpointColumns = { [K in keyof StoredCheckpointRow]: Array<StoredCheckpointRow[K]> };

/**
 * Decodes rows [rowStart, rowEnd) column by column. Columns the file lacks (lineage in files
 * written before it existed) come back as nulls; 64-bit integers are narrowed to INT32 and nulls
 * in columns that may not be null are rejected, so an upgrade never writes what the schema forbids.
 */
export async function decodeColumns(
  file: AsyncBuffer,
  metadata: FileMetaData,
  range: { rowStart: number; rowEnd: number },
  columnNames: readonly (keyof StoredCheckpointRow)[] = CHECKPOINT_COLUMNS.map((column) => column.name)
): Promise<CheckpointColumns> {
  const { rowStart, rowEnd } = range;
  const count = Math.max(0, rowEnd - rowStart);
  const present = new Set(metadata.schema.slice(1).map((element) => element.name));
  const wanted = columnNames.filter((name) => present.has(name));
  const out: Partial<Record<string, unknown[]>> = {};
  for (const name of columnNames) out[name] = new Array<unknown>(count).fill(null);
  if (count > 0 && wanted.length > 0) {
    await parquetRead({
      file,
      metadata,
      columns: wanted,
      rowStart,
      rowEnd,
      parsers: MICROSECOND_TIMESTAMP_PARSERS,
      onChunk: ({ columnName, columnData, rowStart: chunkStart }) => {
        const target = out[columnName] as unknown[];
        const from = Math.max(rowStart, chunkStart);
        const to = Math.min(rowEnd, chunkStart + columnData.length);
        for (let row = from; row < to; row++) target[row - rowStart] = columnData[row - chunkStart];
      }
    });
  }
  for (const column of CHECKPOINT_COLUMNS) {
    const values = out[column.name];
    if (values === undefined) continue;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === null || value === undefined) {
        if (!column.nullable) {
          throw new IncompatibleSchemaError(
            `column "${column.name}" is null at row ${rowStart + i}; checkpoints need a value there`
          );
        }
        values[i] = null;
      } else if (column.kind === 'int32' && typeof value === 'bigint') {
        if (value < -2147483648n || value > 2147483647n) {
          throw new IncompatibleSchemaError(
            `column "${column.name}" holds ${value} at row ${rowStart + i}, outside INT32`
          );
        }
        values[i] = Number(value);
      }
    }
  }
  return out as unknown as CheckpointColumns;
}

/** Rows [rowStart, rowEnd) as objects. */
export async function decodeRows(
  file: AsyncBuffer,
  metadata: FileMetaData,
  range: { rowStart: number; rowEnd: number }
): Promise<StoredCheckpointRow[]> {
  return columnsToRows(await decodeColumns(file, metadata, range));
}

export function columnsToRows(columns: CheckpointColumns): StoredCheckpointRow[] {
  const count = columns.action.length;
  const rows: StoredCheckpointRow[] = new Array<StoredCheckpointRow>(count);
  for (let i = 0; i < count; i++) {
    rows[i] = {
      action: columns.action[i],
      study: columns.study[i],
      pipeline_adcid: columns.pipeline_adcid[i],
      project_label: columns.project_label[i],
      center_label: columns.center_label[i],
      gear_name: columns.gear_name[i],
      ptid: columns.ptid[i],
      visit_date: columns.visit_date[i],
      visit_number: columns.visit_number[i],
      datatype: columns.datatype[i],
      module: columns.module[i],
      packet: columns.packet[i],
      timestamp: columns.timestamp[i],
      source_key: columns.source_key[i],
      source_version: columns.source_version[i],
      ingested_at: columns.ingested_at[i]
    };
  }
  return rows;
}
