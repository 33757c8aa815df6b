import { pipeline } from 'node:stream';
import type { TableDefinition } from '@reporting/schemas';
import { CsvError, type Info, parse } from 'csv-parse';
import { RedcapCsvError } from './errors';
import { type RecordBuilder, type RedcapRecord, recordBuilder } from './record-builder';
import { EXPORTED_AT_COLUMN } from './table-from-data-dictionary';
import {
  type RedcapValue,
  type ValueConverter,
  ValueRefused,
  parseUtcOffset,
  valueConverter
} from './value-converters';

export type { RedcapRecord };

export interface ParseRedcapCsvOptions {
  /** When the export was taken: every record's `exported_at`. */
  readonly exportedAt: Date;
  /** Records per yielded batch (the memory bound). Default 10,000. */
  readonly batchSize?: number;
  /**
   * The REDCap server's UTC offset, `Z` or `±HH:MM`. REDCap stores datetimes in the server's local
   * time without an offset; they are taken as UTC unless this says otherwise. Default `Z`.
   */
  readonly utcOffset?: string;
  /** The project's missing data codes (e.g. `UNK`): null in typed columns, kept in string columns. */
  readonly missingDataCodes?: readonly string[];
}

export const DEFAULT_BATCH_SIZE = 10_000;

/** A table column read from the CSV: its name, its slot in the table, its position in the header, its converter. */
interface CsvColumn {
  readonly name: string;
  readonly slot: number;
  readonly index: number;
  readonly convert: ValueConverter;
}

/**
 * How records are built for one CSV header: the row's values in table order (constants in place,
 * the CSV's columns overwritten per row), and the builder that turns them into a record.
 */
interface RecordPlan {
  readonly values: RedcapValue[];
  readonly csvColumns: readonly CsvColumn[];
  readonly build: RecordBuilder;
}

/** The record plan for one CSV header; throws RedcapCsvError for a header the table refuses. */
function planForHeader(
  header: readonly string[],
  table: TableDefinition,
  options: ParseRedcapCsvOptions,
  line: number
): RecordPlan {
  const positions = new Map<string, number>();
  header.forEach((name, index) => {
    if (positions.has(name)) throw new RedcapCsvError(line, name, 'the header names this column twice');
    positions.set(name, index);
  });
  const tableColumns = new Set(table.columns.map((c) => c.name));
  for (const name of header) {
    if (!tableColumns.has(name) || name === EXPORTED_AT_COLUMN) {
      throw new RedcapCsvError(line, name, `column ${name} is not in the data dictionary`);
    }
  }
  const converterOptions = {
    utcOffsetMinutes: parseUtcOffset(options.utcOffset ?? 'Z'),
    missingDataCodes: new Set(options.missingDataCodes ?? [])
  };
  const exportedAt = options.exportedAt.toISOString();
  const values: RedcapValue[] = table.columns.map(() => null);
  const csvColumns: CsvColumn[] = [];
  table.columns.forEach((column, slot) => {
    if (column.lineage && column.name === EXPORTED_AT_COLUMN) {
      values[slot] = exportedAt;
      return;
    }
    const index = positions.get(column.name);
    if (index === undefined) {
      // A field the report leaves out (or a field removed since): null, unless it is the record id.
      if (column.repetition === 'REQUIRED') {
        throw new RedcapCsvError(line, column.name, 'the record id column is missing from the header');
      }
      return;
    }
    const convert = valueConverter(column.type, column.repetition === 'REQUIRED', converterOptions);
    csvColumns.push({ name: column.name, slot, index, convert });
  });
  return { values, csvColumns, build: recordBuilder(table.columns.map((c) => c.name)) };
}

function describeValue(raw: string): string {
  // Values are REDCap data: enough of one to find it, not a whole note.
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
}

/**
 * Typed records of a REDCap raw CSV export (flat, `rawOrLabel=raw`) of the given table
 * (`tableFromDataDictionary`), in batches of `batchSize`, streamed: memory holds one batch and
 * csv-parse's buffer, never the body. A header column the table lacks, a malformed CSV, or a value
 * its column refuses throws RedcapCsvError (line, field, value) — the caller writes nothing. A table
 * column the header lacks is null in every record. An empty body yields no batch.
 */
export async function* parseRedcapCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>,
  table: TableDefinition,
  options: ParseRedcapCsvOptions
): AsyncGenerator<RedcapRecord[], void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer`);
  if (Number.isNaN(options.exportedAt.getTime())) throw new RangeError('exportedAt is not a valid date');
  parseUtcOffset(options.utcOffset ?? 'Z'); // refuse a bad option before reading anything

  // bom: REDCap may start the body with a UTF-8 byte order mark. info: the line of each record.
  const parser = parse({ bom: true, info: true, skip_empty_lines: true });
  // Errors of the input destroy the parser, and the loop below throws them.
  pipeline(input, parser, () => undefined);

  let plan: RecordPlan | undefined;
  let batch: RedcapRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (plan === undefined) {
        plan = planForHeader(record, table, options, info.lines);
        continue;
      }
      const { values, csvColumns, build } = plan;
      for (const { name, slot, index, convert } of csvColumns) {
        const raw = record[index];
        try {
          values[slot] = convert(raw);
        } catch (error) {
          if (!(error instanceof ValueRefused)) throw error;
          throw new RedcapCsvError(info.lines, name, `${describeValue(raw)} ${error.message}`);
        }
      }
      batch.push(build(values));
      if (batch.length === batchSize) {
        yield batch;
        batch = [];
      }
    }
  } catch (error) {
    if (error instanceof CsvError) {
      throw new RedcapCsvError(
        typeof error.lines === 'number' ? error.lines : undefined,
        undefined,
        error.message
      );
    }
    throw error;
  } finally {
    parser.destroy();
  }
  if (batch.length > 0) yield batch;
}
