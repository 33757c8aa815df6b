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

/**
 * Records of an export as columns (the checkpoint engine's ColumnBatch): one array per table column,
 * each `rowCount` long, values in the engine's types (RedcapValue). Columns, not record objects: a
 * 200-field record as an object cost more than parsing it (docs/decisions/0077).
 */
export interface RedcapColumnBatch {
  readonly rowCount: number;
  readonly columns: Record<string, RedcapValue[]>;
}

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
 * How one CSV header fills a batch: the CSV's columns with their converters, and the table columns
 * that hold one value in every row (`exported_at`) or none (a field the report leaves out: null).
 */
interface ColumnPlan {
  readonly csvColumns: readonly CsvColumn[];
  readonly names: readonly string[];
  readonly constants: ReadonlyMap<number, RedcapValue>;
}

/** The column plan for one CSV header; throws RedcapCsvError for a header the table refuses. */
function planForHeader(
  header: readonly string[],
  table: TableDefinition,
  options: ParseRedcapCsvOptions,
  line: number
): ColumnPlan {
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
  const constants = new Map<number, RedcapValue>();
  const csvColumns: CsvColumn[] = [];
  table.columns.forEach((column, slot) => {
    if (column.lineage && column.name === EXPORTED_AT_COLUMN) {
      constants.set(slot, BigInt(options.exportedAt.getTime()) * 1000n);
      return;
    }
    const index = positions.get(column.name);
    if (index === undefined) {
      // A field the report leaves out (or a field removed since): null, unless it is the record id.
      if (column.repetition === 'REQUIRED') {
        throw new RedcapCsvError(line, column.name, 'the record id column is missing from the header');
      }
      constants.set(slot, null);
      return;
    }
    const convert = valueConverter(column.type, column.repetition === 'REQUIRED', converterOptions);
    csvColumns.push({ name: column.name, slot, index, convert });
  });
  return { csvColumns, names: table.columns.map((c) => c.name), constants };
}

/** Fills a batch of `capacity` rows column by column; `take` hands it over, trimmed to the rows filled. */
class BatchBuilder {
  private columns: RedcapValue[][];
  rows = 0;

  constructor(
    private readonly plan: ColumnPlan,
    private readonly capacity: number
  ) {
    this.columns = this.fresh();
  }

  private fresh(): RedcapValue[][] {
    return this.plan.names.map(() => new Array<RedcapValue>(this.capacity));
  }

  /** The values of one CSV record; throws ValueRefused (with the column) for a value its column refuses. */
  add(record: readonly string[], line: number): void {
    const row = this.rows;
    for (const { name, slot, index, convert } of this.plan.csvColumns) {
      const raw = record[index];
      try {
        this.columns[slot][row] = convert(raw);
      } catch (error) {
        if (!(error instanceof ValueRefused)) throw error;
        throw new RedcapCsvError(line, name, `${describeValue(raw)} ${error.message}`);
      }
    }
    this.rows = row + 1;
  }

  take(): RedcapColumnBatch {
    const rowCount = this.rows;
    const columns: Record<string, RedcapValue[]> = {};
    this.plan.names.forEach((name, slot) => {
      const values = this.columns[slot];
      values.length = rowCount;
      if (this.plan.constants.has(slot)) values.fill(this.plan.constants.get(slot) ?? null);
      columns[name] = values;
    });
    this.columns = this.fresh();
    this.rows = 0;
    return { rowCount, columns };
  }
}

function describeValue(raw: string): string {
  // Values are REDCap data: enough of one to find it, not a whole note.
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
}

/**
 * The records of a REDCap raw CSV export (flat, `rawOrLabel=raw`) of the given table
 * (`tableFromDataDictionary`), typed and in column batches of `batchSize` rows, streamed: memory
 * holds one batch and csv-parse's buffer, never the body. A header column the table lacks, a malformed CSV, or a value
 * its column refuses throws RedcapCsvError (line, field, value) — the caller writes nothing. A table
 * column the header lacks is null in every record. An empty body yields no batch.
 */
export async function* parseRedcapCsv(
  input: NodeJS.ReadableStream | AsyncIterable<string | Uint8Array>,
  table: TableDefinition,
  options: ParseRedcapCsvOptions
): AsyncGenerator<RedcapColumnBatch, void, undefined> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer`);
  if (Number.isNaN(options.exportedAt.getTime())) throw new RangeError('exportedAt is not a valid date');
  parseUtcOffset(options.utcOffset ?? 'Z'); // refuse a bad option before reading anything

  // bom: REDCap may start the body with a UTF-8 byte order mark. info: the line of each record.
  const parser = parse({ bom: true, info: true, skip_empty_lines: true });
  // Errors of the input destroy the parser, and the loop below throws them.
  pipeline(input, parser, () => undefined);

  let builder: BatchBuilder | undefined;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (builder === undefined) {
        builder = new BatchBuilder(planForHeader(record, table, options, info.lines), batchSize);
        continue;
      }
      builder.add(record, info.lines);
      if (builder.rows === batchSize) yield builder.take();
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
  if (builder !== undefined && builder.rows > 0) yield builder.take();
}
