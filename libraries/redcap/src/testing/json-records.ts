import type { TableDefinition } from '@reporting/schemas';

import type { RedcapColumnBatch } from '../parse-redcap-csv';
import type { RedcapValue } from '../value-converters';

/** A record as tests write it: dates `YYYY-MM-DD`, date-times `YYYY-MM-DDTHH:MM:SSZ`, INT64 as numbers. */
export type JsonRecord = Record<string, string | number | boolean | null>;

const MILLIS_PER_DAY = 86_400_000;

/**
 * The rows of column batches as JSON-shaped records (table order), rendered with Date — a second,
 * independent computation of what the parser's arithmetic produced.
 */
export function jsonRecords(table: TableDefinition, batches: readonly RedcapColumnBatch[]): JsonRecord[] {
  const records: JsonRecord[] = [];
  for (const batch of batches) {
    const columns = Object.fromEntries(
      table.columns.map(({ name }) => [name, batch.columns[name].toArray() as RedcapValue[]])
    );
    for (let row = 0; row < batch.rowCount; row++) {
      const record: JsonRecord = {};
      for (const column of table.columns) {
        const value = columns[column.name][row] ?? null;
        if (value === null) record[column.name] = null;
        else if (column.type === 'date') {
          record[column.name] = new Date((value as number) * MILLIS_PER_DAY).toISOString().slice(0, 10);
        } else if (column.type === 'timestamp') {
          record[column.name] = `${new Date(Number((value as bigint) / 1000n)).toISOString().slice(0, 19)}Z`;
        } else if (typeof value === 'bigint') {
          record[column.name] = Number(value);
        } else record[column.name] = value;
      }
      records.push(record);
    }
  }
  return records;
}
