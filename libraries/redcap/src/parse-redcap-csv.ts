import { pipeline } from 'node:stream';
import type { TableDefinition } from '@reporting/schemas';
import { CsvError, type Info, parse } from 'csv-parse';
import { RedcapCsvError } from './errors';
import { EXPORTED_AT_COLUMN } from './table-from-data-dictionary';
import {
  type RedcapValue,
  type ValueConverter,
  ValueRefused,
  parseUtcOffset,
  valueConverter
} from './value-converters';

/** One exported record: every table column, in table order, with its JSON-shaped value or null. */
export type RedcapRecord = Record<string, RedcapValue>;

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

/** Where each table column's value comes from: a CSV column's converter, or a constant. */
type Source =
  | { readonly index: number; readonly convert: ValueConverter }
  | { readonly constant: RedcapValue };

/** The table column sources for one CSV header; throws RedcapCsvError for a header the table refuses. */
function sourcesForHeader(
  header: readonly string[],
  table: TableDefinition,
  options: ParseRedcapCsvOptions,
  line: number
): Source[] {
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
  return table.columns.map((column): Source => {
    if (column.lineage && column.name === EXPORTED_AT_COLUMN) return { constant: exportedAt };
    const index = positions.get(column.name);
    if (index === undefined) {
      // A field the report leaves out (or a field removed since): null, unless it is the record id.
      if (column.repetition === 'REQUIRED') {
        throw new RedcapCsvError(line, column.name, 'the record id column is missing from the header');
      }
      return { constant: null };
    }
    return {
      index,
      convert: valueConverter(column.type, column.repetition === 'REQUIRED', converterOptions)
    };
  });
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

  const names = table.columns.map((c) => c.name);
  let sources: Source[] | undefined;
  let batch: RedcapRecord[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (sources === undefined) {
        sources = sourcesForHeader(record, table, options, info.lines);
        continue;
      }
      const row: RedcapRecord = {};
      for (let i = 0; i < sources.length; i++) {
        const source = sources[i];
        if ('constant' in source) {
          row[names[i]] = source.constant;
          continue;
        }
        const raw = record[source.index];
        try {
          row[names[i]] = source.convert(raw);
        } catch (error) {
          if (!(error instanceof ValueRefused)) throw error;
          throw new RedcapCsvError(info.lines, names[i], `${describeValue(raw)} ${error.message}`);
        }
      }
      batch.push(row);
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
