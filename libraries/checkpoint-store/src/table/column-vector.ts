/* eslint-disable no-bitwise -- UTF-8 lengths and buffer sizes */
import type { TableColumn } from '@reporting/schemas';

import { InvalidRowError } from '../errors';
import { valueProblem } from './table-row';

/**
 * One column of a batch, filled value by value in the engine's types (as in TableRow) and held in
 * typed buffers: a definition byte per row and the non-null values packed as parquet stores them
 * (PLAIN bytes; strings also as dictionary indexes while a dictionary pays). No JS value per cell
 * outlives its `push`, so a batch of a million cells costs the garbage collector nothing to keep
 * (docs/decisions/0079). Encoded by parquet/column-vector-chunk.ts.
 */
export abstract class ColumnVector {
  /** Rows pushed. */
  length = 0;
  /** Rows pushed as null. */
  nullCount = 0;
  /** 1 where the row has a value, 0 where it is null; `length` entries are valid. */
  defined: Uint8Array;

  protected constructor(
    readonly column: TableColumn,
    capacity: number
  ) {
    this.defined = new Uint8Array(Math.max(capacity, 16));
  }

  /** Values pushed so far that are not null. */
  get valueCount(): number {
    return this.length - this.nullCount;
  }

  /** Appends one value (null or undefined → null); throws InvalidRowError for a value the column refuses. */
  push(value: unknown): void {
    if (this.length === this.defined.length) this.defined = grown(this.defined, this.length + 1);
    if (value === null || value === undefined) {
      if (this.column.repetition === 'REQUIRED') this.refuse(value);
      this.defined[this.length++] = 0;
      this.nullCount++;
      return;
    }
    this.pushValue(value);
    this.defined[this.length++] = 1;
  }

  /** The value of row `row` in the engine's types (null for null): for tests and row-wise consumers. */
  valueAt(row: number): unknown {
    if (row < 0 || row >= this.length) throw new RangeError(`row ${row} of ${this.length}`);
    if (this.defined[row] === 0) return null;
    let index = 0;
    for (let i = 0; i < row; i++) index += this.defined[i];
    return this.valueOf(index);
  }

  /** Every value in row order (engine types, null for null). */
  toArray(): unknown[] {
    const values = new Array<unknown>(this.length);
    let index = 0;
    for (let row = 0; row < this.length; row++) {
      values[row] = this.defined[row] === 0 ? null : this.valueOf(index++);
    }
    return values;
  }

  /**
   * Empties the vector for another batch, keeping its buffers (and, for strings, whether it keeps a
   * dictionary as `dictionary` says). For a producer that knows its last batch has been consumed.
   */
  reset(options: ColumnVectorOptions = {}): void {
    this.length = 0;
    this.nullCount = 0;
    this.resetValues(options);
  }

  protected abstract resetValues(options: ColumnVectorOptions): void;

  /** Stores a non-null value (the i-th non-null of the column) or refuses it. */
  protected abstract pushValue(value: unknown): void;
  /** The i-th non-null value. */
  protected abstract valueOf(index: number): unknown;

  protected refuse(value: unknown): never {
    throw new InvalidRowError(
      `${this.column.name} ${valueProblem(this.column, value) ?? 'cannot hold this value'}`
    );
  }
}

function grown<T extends Uint8Array | Int32Array | Float64Array | BigInt64Array>(
  array: T,
  needed: number
): T {
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array as never);
  return next;
}

/** DOUBLE and INT32 values in a typed array, with the bounds the footer's statistics carry. */
abstract class NumberVector<A extends Float64Array | Int32Array> extends ColumnVector {
  /** Smallest and largest value, unless a NaN was pushed (then no bounds are written). */
  min = Infinity;
  max = -Infinity;
  sawNaN = false;

  protected constructor(
    column: TableColumn,
    capacity: number,
    public values: A
  ) {
    super(column, capacity);
  }

  /** Whether the column type takes `value` (a number of the right kind). */
  protected abstract accepts(value: unknown): value is number;

  protected resetValues(): void {
    this.min = Infinity;
    this.max = -Infinity;
    this.sawNaN = false;
  }

  protected pushValue(value: unknown): void {
    if (!this.accepts(value)) this.refuse(value);
    const index = this.valueCount;
    if (index === this.values.length) this.values = grown(this.values, index + 1);
    this.values[index] = value;
    if (Number.isNaN(value)) this.sawNaN = true;
    else {
      if (value < this.min) this.min = value;
      if (value > this.max) this.max = value;
    }
  }

  protected valueOf(index: number): unknown {
    return this.values[index];
  }
}

/** DOUBLE: numbers. */
export class DoubleVector extends NumberVector<Float64Array> {
  constructor(column: TableColumn, capacity: number) {
    super(column, capacity, new Float64Array(Math.max(capacity, 16)));
  }

  protected accepts(value: unknown): value is number {
    return typeof value === 'number';
  }
}

/** INT32 (int32, and date as days since 1970-01-01): whole numbers in 32 bits. */
export class Int32Vector extends NumberVector<Int32Array> {
  constructor(column: TableColumn, capacity: number) {
    super(column, capacity, new Int32Array(Math.max(capacity, 16)));
  }

  protected accepts(value: unknown): value is number {
    return typeof value === 'number' && (value | 0) === value;
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const TWO_TO_32 = 4294967296;

/**
 * INT64 (int64, and timestamp as microseconds since the epoch, UTC): bigints, or numbers that are
 * safe integers, stored as their two 32-bit halves (no bigint made per number: a producer parsing
 * text passes numbers).
 */
export class Int64Vector extends ColumnVector {
  values: BigInt64Array;
  /** The same memory as `values`, as 32-bit halves (little-endian: low word first). */
  private words: Uint32Array;
  /** Bounds of the values pushed as numbers, and of those pushed as bigints. */
  private numberMin = Infinity;
  private numberMax = -Infinity;
  private bigMin: bigint | undefined;
  private bigMax: bigint | undefined;

  constructor(column: TableColumn, capacity: number) {
    super(column, capacity);
    this.values = new BigInt64Array(Math.max(capacity, 16));
    this.words = new Uint32Array(this.values.buffer);
  }

  /** The smallest value, undefined when there is none. */
  get min(): bigint | undefined {
    const number = this.numberMin === Infinity ? undefined : BigInt(this.numberMin);
    if (number === undefined || this.bigMin === undefined) return number ?? this.bigMin;
    return number < this.bigMin ? number : this.bigMin;
  }

  /** The largest value, undefined when there is none. */
  get max(): bigint | undefined {
    const number = this.numberMax === -Infinity ? undefined : BigInt(this.numberMax);
    if (number === undefined || this.bigMax === undefined) return number ?? this.bigMax;
    return number > this.bigMax ? number : this.bigMax;
  }

  protected resetValues(): void {
    this.numberMin = Infinity;
    this.numberMax = -Infinity;
    this.bigMin = undefined;
    this.bigMax = undefined;
  }

  protected pushValue(value: unknown): void {
    const index = this.valueCount;
    if (index === this.values.length) {
      this.values = grown(this.values, index + 1);
      this.words = new Uint32Array(this.values.buffer);
    }
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      // Two's complement halves of a safe integer: ToUint32 is exact modulo 2^32, the high word floors.
      this.words[2 * index] = value >>> 0;
      this.words[2 * index + 1] = Math.floor(value / TWO_TO_32) >>> 0;
      if (value < this.numberMin) this.numberMin = value;
      if (value > this.numberMax) this.numberMax = value;
      return;
    }
    if (typeof value !== 'bigint') this.refuse(value);
    if (value < INT64_MIN || value > INT64_MAX) {
      throw new InvalidRowError(`${this.column.name} must fit in 64 bits, got ${value}n`);
    }
    this.values[index] = value;
    if (this.bigMin === undefined || value < this.bigMin) this.bigMin = value;
    if (this.bigMax === undefined || value > this.bigMax) this.bigMax = value;
  }

  protected valueOf(index: number): unknown {
    return this.values[index];
  }
}

/** BOOLEAN: one byte per value here, bit-packed when encoded. */
export class BooleanVector extends ColumnVector {
  values: Uint8Array;
  trues = 0;

  constructor(column: TableColumn, capacity: number) {
    super(column, capacity);
    this.values = new Uint8Array(Math.max(capacity, 16));
  }

  protected resetValues(): void {
    this.trues = 0;
  }

  protected pushValue(value: unknown): void {
    if (typeof value !== 'boolean') this.refuse(value);
    const index = this.valueCount;
    if (index === this.values.length) this.values = grown(this.values, index + 1);
    this.values[index] = value ? 1 : 0;
    if (value) this.trues++;
  }

  protected valueOf(index: number): unknown {
    return this.values[index] === 1;
  }
}

// ignoreBOM: a value that starts with U+FEFF keeps it.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * A dictionary stops being kept past this many distinct values (or once the column's values are
 * mostly distinct): parquet readers want dictionary pages small, and a column of unique text gains
 * nothing from one.
 */
export const MAX_DICTIONARY_ENTRIES = 1 << 15;
const MAX_DICTIONARY_BYTES = 1 << 20;
/** Values of up to this many bytes have a numeric dictionary key (bytes and length in 51 bits). */
const SHORT_KEY_BYTES = 6;

/**
 * BYTE_ARRAY (string; json as JSON text): the values' UTF-8 bytes in PLAIN layout (4-byte length,
 * bytes), and, while it pays, a dictionary (distinct values in PLAIN layout, one index per value).
 */
export class StringVector extends ColumnVector {
  /** PLAIN bytes of the non-null values: `plainLength` are valid. */
  plain: Uint8Array;
  plainLength = 0;
  /** Offsets of each non-null value's length prefix in `plain` (for valueAt). */
  private offsets: Int32Array;
  /** Distinct values → index, while the dictionary is kept; undefined once abandoned. */
  private dictionary: Map<string, number> | undefined = new Map();
  /**
   * The same entries for values of up to SHORT_KEY_BYTES bytes, keyed by the bytes as one number, so
   * that `pushUtf8` finds a seen code (a radio or dropdown answer) without making a string.
   */
  private shortEntries: Map<number, number> | undefined = new Map();
  /** PLAIN bytes of the distinct values, in index order. */
  dictionaryPlain: Uint8Array;
  dictionaryPlainLength = 0;
  indexes: Int32Array;
  private readonly encoder = new TextEncoder();
  private readonly json: boolean;

  constructor(column: TableColumn, capacity: number, options: ColumnVectorOptions = {}) {
    super(column, capacity);
    this.json = column.type === 'json';
    if (options.dictionary === false) this.dictionary = this.shortEntries = undefined;
    this.plain = new Uint8Array(options.plainBytes ?? Math.max(capacity, 16) * 8);
    this.offsets = new Int32Array(Math.max(capacity, 16));
    this.indexes = new Int32Array(Math.max(capacity, 16));
    this.dictionaryPlain = new Uint8Array(4096);
  }

  protected resetValues(options: ColumnVectorOptions): void {
    this.plainLength = 0;
    this.dictionaryPlainLength = 0;
    this.dictionary = options.dictionary === false ? undefined : new Map();
    this.shortEntries = options.dictionary === false ? undefined : new Map();
  }

  /** Where the `index`-th non-null value's PLAIN bytes begin (`plainLength` past the last). */
  plainOffset(index: number): number {
    return index < this.valueCount ? this.offsets[index] : this.plainLength;
  }

  /** True when values may be pushed as UTF-8 bytes (`pushUtf8`): a string column (not JSON text). */
  get takesBytes(): boolean {
    return !this.json;
  }

  /**
   * Appends the string whose UTF-8 bytes are bytes [start, end) without decoding it (a CSV field
   * straight into the page buffer); `doubledQuotes`: each `""` in them stands for one `"`. With a
   * dictionary, a short value seen before takes its entry by its bytes; any other is decoded and
   * pushed as a string. Only while `takesBytes`; the bytes must be valid UTF-8.
   */
  pushUtf8(bytes: Uint8Array, start: number, end: number, doubledQuotes = false): void {
    if (!this.takesBytes) throw new Error(`${this.column.name}: holds JSON, push values`);
    if (this.length === this.defined.length) this.defined = grown(this.defined, this.length + 1);
    const index = this.valueCount;
    if (this.dictionary !== undefined) {
      const entry =
        doubledQuotes || end - start > SHORT_KEY_BYTES
          ? undefined
          : this.shortEntries?.get(shortKey(bytes, start, end));
      if (entry === undefined) {
        const text = UTF8.decode(bytes.subarray(start, end));
        this.push(doubledQuotes ? text.replace(/""/g, '"') : text);
        return;
      }
      if (index >= this.indexes.length) this.indexes = grown(this.indexes, index + 1);
      this.indexes[index] = entry;
    }
    if (index === this.offsets.length) this.offsets = grown(this.offsets, index + 1);
    const length = end - start;
    if (this.plainLength + 4 + length > this.plain.length) {
      this.plain = grown(this.plain, this.plainLength + 4 + length);
    }
    const at = this.plainLength;
    this.offsets[index] = at;
    let written = length;
    if (doubledQuotes) written = copyUndoubling(bytes, start, end, this.plain, at + 4);
    else if (length < 64) {
      // A loop beats a subarray view + set for short values (most fields).
      const plain = this.plain;
      for (let i = 0; i < length; i++) plain[at + 4 + i] = bytes[start + i];
    } else this.plain.set(bytes.subarray(start, end), at + 4);
    writeUint32(this.plain, at, written);
    this.plainLength = at + 4 + written;
    this.defined[this.length++] = 1;
  }

  /** Distinct values when the dictionary is kept, else undefined. */
  get dictionarySize(): number | undefined {
    return this.dictionary?.size;
  }

  protected pushValue(value: unknown): void {
    const text: unknown = this.json ? JSON.stringify(value) : value;
    if (typeof text !== 'string') this.refuse(value);
    const index = this.valueCount;
    if (index === this.offsets.length) this.offsets = grown(this.offsets, index + 1);
    // (indexes stop growing while no dictionary is kept; a reset may bring one back)
    if (this.dictionary !== undefined && index >= this.indexes.length)
      this.indexes = grown(this.indexes, index + 1);
    this.offsets[index] = this.plainLength;
    const written = this.appendPlain(text);
    if (this.dictionary !== undefined) this.addToDictionary(text, index, written);
  }

  /** Writes length + UTF-8 bytes of `text` at the end of `plain`; returns the byte count written. */
  private appendPlain(text: string): number {
    // UTF-8 needs at most 3 bytes per UTF-16 code unit.
    const room = 4 + text.length * 3;
    if (this.plainLength + room > this.plain.length) this.plain = grown(this.plain, this.plainLength + room);
    const start = this.plainLength;
    const { written } = this.encoder.encodeInto(text, this.plain.subarray(start + 4));
    writeUint32(this.plain, start, written);
    this.plainLength = start + 4 + written;
    return 4 + written;
  }

  private addToDictionary(text: string, index: number, plainBytes: number): void {
    const dictionary = this.dictionary as Map<string, number>;
    let entry = dictionary.get(text);
    if (entry === undefined) {
      entry = dictionary.size;
      const tooMany = entry >= MAX_DICTIONARY_ENTRIES || (index >= 1000 && entry > index / 2);
      if (tooMany || this.dictionaryPlainLength + plainBytes > MAX_DICTIONARY_BYTES) {
        this.dictionary = this.shortEntries = undefined;
        return;
      }
      dictionary.set(text, entry);
      if (plainBytes - 4 <= SHORT_KEY_BYTES) {
        this.shortEntries?.set(
          shortKey(this.plain, this.plainLength - plainBytes + 4, this.plainLength),
          entry
        );
      }
      const end = this.dictionaryPlainLength + plainBytes;
      if (end > this.dictionaryPlain.length) this.dictionaryPlain = grown(this.dictionaryPlain, end);
      this.dictionaryPlain.set(
        this.plain.subarray(this.plainLength - plainBytes, this.plainLength),
        this.dictionaryPlainLength
      );
      this.dictionaryPlainLength = end;
    }
    this.indexes[index] = entry;
  }

  protected valueOf(index: number): unknown {
    const start = this.offsets[index];
    const length = readUint32(this.plain, start);
    const text = UTF8.decode(this.plain.subarray(start + 4, start + 4 + length));
    return this.json ? (JSON.parse(text) as unknown) : text;
  }
}

const QUOTE = 0x22;

/**
 * Bytes [start, end) (at most SHORT_KEY_BYTES) and their length as one exact number: n·256ⁿ plus the
 * bytes little-endian, so values of different lengths fall in disjoint ranges.
 */
function shortKey(bytes: Uint8Array, start: number, end: number): number {
  let key = end - start;
  for (let i = end - 1; i >= start; i--) key = key * 256 + bytes[i];
  return key;
}

/** Copies bytes [start, end) to `target` at `at`, each `""` as one `"`; returns the bytes written. */
function copyUndoubling(
  bytes: Uint8Array,
  start: number,
  end: number,
  target: Uint8Array,
  at: number
): number {
  let out = at;
  for (let i = start; i < end; i++) {
    const byte = bytes[i];
    target[out++] = byte;
    if (byte === QUOTE && bytes[i + 1] === QUOTE) i++;
  }
  return out - at;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value & 0xff;
  bytes[at + 1] = (value >>> 8) & 0xff;
  bytes[at + 2] = (value >>> 16) & 0xff;
  bytes[at + 3] = value >>> 24;
}

function readUint32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0;
}

export interface ColumnVectorOptions {
  /** False: a string column keeps no dictionary (its values are known to be mostly distinct). */
  readonly dictionary?: boolean;
  /** A string column's first buffer size for its values' bytes (e.g. what the last batch took). */
  readonly plainBytes?: number;
}

/** An empty vector for `column`, sized for `capacity` rows (it grows past that). */
export function columnVector(
  column: TableColumn,
  capacity: number,
  options: ColumnVectorOptions = {}
): ColumnVector {
  switch (column.type) {
    case 'double':
      return new DoubleVector(column, capacity);
    case 'int32':
    case 'date':
      return new Int32Vector(column, capacity);
    case 'int64':
    case 'timestamp':
      return new Int64Vector(column, capacity);
    case 'boolean':
      return new BooleanVector(column, capacity);
    case 'string':
    case 'json':
      return new StringVector(column, capacity, options);
  }
}
