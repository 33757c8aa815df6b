import { type ColumnVector, StringVector, columnVector } from '@reporting/checkpoint-store';
import type { TableColumn, TableDefinition } from '@reporting/schemas';
import { CsvRecord, CsvSyntaxError, CsvTokenizer } from './csv-tokenizer';
import { RedcapCsvError } from './errors';
import { EXPORTED_AT_COLUMN } from './table-from-data-dictionary';
import { type FieldReader, fieldReader } from './field-readers';
import { type RedcapValue, ValueRefused, parseUtcOffset } from './value-converters';

/**
 * Records of an export as columns (the checkpoint engine's ColumnBatch): one ColumnVector per table
 * column, each `rowCount` long, values in the engine's types (RedcapValue) in typed buffers. Columns,
 * not record objects: a 200-field record as an object cost more than parsing it (docs/decisions/0078),
 * and vectors, not arrays: a batch of boxed values kept the garbage collector busy (0079).
 */
export interface RedcapColumnBatch {
  readonly rowCount: number;
  readonly columns: Record<string, ColumnVector>;
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
  /**
   * Refill one batch's vectors for the next batch instead of allocating new ones (measured ≈ 0.3 s
   * of a 100,000 × 200 export). Only for a consumer that is done with each batch before it asks for
   * the next, as a streamed replace is; a consumer that keeps batches must leave this off (default).
   */
  readonly reuseVectors?: boolean;
}

export const DEFAULT_BATCH_SIZE = 10_000;
/** Batches a string column goes without a dictionary after one batch showed its values mostly distinct. */
const DICTIONARY_RETRY_BATCHES = 8;

/** A table column read from the CSV: its name, its slot in the table, its position in the header, its converter. */
interface CsvColumn {
  readonly name: string;
  readonly slot: number;
  readonly index: number;
  readonly read: FieldReader;
}

/**
 * How one CSV header fills a batch: the CSV's columns with their converters, and the table columns
 * that hold one value in every row (`exported_at`) or none (a field the report leaves out: null).
 */
interface ColumnPlan {
  readonly csvColumns: readonly CsvColumn[];
  readonly constants: ReadonlyMap<number, RedcapValue>;
  /** The table's columns, in table order (slot = index). */
  readonly columns: readonly TableColumn[];
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
    csvColumns.push({ name: column.name, slot, index, read: fieldReader(column, converterOptions) });
  });
  return { csvColumns, constants, columns: table.columns };
}

/**
 * Fills a batch of `capacity` rows, each value converted and pushed into its column's vector as it
 * is read (no value outlives its record); `take` hands the vectors over and starts new ones.
 */
class BatchBuilder {
  private vectors: ColumnVector[];
  /** Per column: batches still to fill without a dictionary, after one showed mostly distinct values. */
  private readonly withoutDictionary: Int32Array;
  /** Per string column: the bytes its values took in the last batch (the next one starts that large). */
  private readonly plainBytes: Float64Array;
  rows = 0;
  /** The vectors were handed over in a batch and are to be refilled (reuseVectors). */
  private handedOver = false;

  constructor(
    private readonly plan: ColumnPlan,
    private readonly capacity: number,
    private readonly reuse: boolean
  ) {
    this.withoutDictionary = new Int32Array(plan.columns.length);
    this.plainBytes = new Float64Array(plan.columns.length);
    this.vectors = this.fresh();
  }

  private fresh(): ColumnVector[] {
    return this.plan.columns.map((column, slot) =>
      columnVector(column, this.capacity, {
        dictionary: this.withoutDictionary[slot] === 0,
        plainBytes: this.plainBytes[slot] > 0 ? Math.ceil(this.plainBytes[slot] * 1.1) + 64 : undefined
      })
    );
  }

  private refill(): void {
    this.vectors.forEach((vector, slot) => vector.reset({ dictionary: this.withoutDictionary[slot] === 0 }));
    this.handedOver = false;
  }

  /** The values of one CSV record; throws RedcapCsvError (line, field, value) for a value its column refuses. */
  add(record: CsvRecord): void {
    if (this.handedOver) this.refill();
    const { csvColumns } = this.plan;
    const vectors = this.vectors;
    for (let i = 0; i < csvColumns.length; i++) {
      const column = csvColumns[i];
      try {
        column.read(record, column.index, vectors[column.slot]);
      } catch (error) {
        if (!(error instanceof ValueRefused)) throw error;
        throw new RedcapCsvError(
          record.line,
          column.name,
          `${describeValue(record.text(column.index))} ${error.message}`
        );
      }
    }
    this.rows++;
  }

  take(): RedcapColumnBatch {
    const rowCount = this.rows;
    const columns: Record<string, ColumnVector> = {};
    this.plan.columns.forEach((column, slot) => {
      const vector = this.vectors[slot];
      if (this.plan.constants.has(slot)) {
        const value = this.plan.constants.get(slot) ?? null;
        for (let row = 0; row < rowCount; row++) vector.push(value);
      }
      columns[column.name] = vector;
      if (vector instanceof StringVector) this.plainBytes[slot] = vector.plainLength;
      // A column whose batch dropped its dictionary goes without one for the next batches (and tries again).
      if (
        vector instanceof StringVector &&
        vector.dictionarySize === undefined &&
        this.withoutDictionary[slot] === 0
      ) {
        this.withoutDictionary[slot] = DICTIONARY_RETRY_BATCHES;
      } else if (this.withoutDictionary[slot] > 0) this.withoutDictionary[slot]--;
    });
    if (this.reuse) this.handedOver = true;
    else this.vectors = this.fresh();
    this.rows = 0;
    return { rowCount, columns };
  }
}

/** The header, then each record into the batch; a full batch comes back from `add`. */
class RecordReader {
  private builder: BatchBuilder | undefined;
  private width = 0;

  constructor(
    private readonly table: TableDefinition,
    private readonly options: ParseRedcapCsvOptions,
    private readonly batchSize: number
  ) {}

  add(record: CsvRecord): RedcapColumnBatch | undefined {
    if (this.builder === undefined) {
      const header = record.texts();
      this.builder = new BatchBuilder(
        planForHeader(header, this.table, this.options, record.line),
        this.batchSize,
        this.options.reuseVectors === true
      );
      this.width = header.length;
      return undefined;
    }
    if (record.count !== this.width) {
      throw new RedcapCsvError(
        record.line,
        undefined,
        `the record has ${record.count} values, the header ${this.width}`
      );
    }
    this.builder.add(record);
    return this.builder.rows === this.batchSize ? this.builder.take() : undefined;
  }

  /** The last, partly filled batch; undefined when there is none. */
  rest(): RedcapColumnBatch | undefined {
    return this.builder !== undefined && this.builder.rows > 0 ? this.builder.take() : undefined;
  }
}

function asBuffer(chunk: string | Uint8Array): Buffer {
  return typeof chunk === 'string'
    ? Buffer.from(chunk)
    : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function describeValue(raw: string): string {
  // Values are REDCap data: enough of one to find it, not a whole note.
  return JSON.stringify(raw.length > 60 ? `${raw.slice(0, 60)}…` : raw);
}

/**
 * The records of a REDCap raw CSV export (flat, `rawOrLabel=raw`) of the given table
 * (`tableFromDataDictionary`), typed and in column batches of `batchSize` rows, streamed: memory
 * holds one batch and the record being read, never the body. A header column the table lacks, a malformed CSV, or a value
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

  const tokenizer = new CsvTokenizer();
  const reader = new RecordReader(table, options, batchSize);
  try {
    // Records are taken synchronously chunk by chunk (an await per record cost more than reading it).
    for await (const chunk of input as AsyncIterable<string | Uint8Array>) {
      for (const record of tokenizer.push(asBuffer(chunk))) {
        const full = reader.add(record);
        if (full !== undefined) yield full;
      }
    }
    for (const record of tokenizer.end()) {
      const full = reader.add(record);
      if (full !== undefined) yield full;
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw new RedcapCsvError(error.line, undefined, error.message);
    throw error;
  }
  const rest = reader.rest();
  if (rest !== undefined) yield rest;
}
