import { parquetMetadata, type FileMetaData } from 'hyparquet';

import { CorruptCheckpointError, NotParquetError } from '../errors';
import {
  ThriftType,
  binary,
  decodeThriftStruct,
  encodeThriftStruct,
  getField,
  i64,
  removeField,
  setField,
  structList,
  structValue,
  type ThriftStruct,
  type ThriftValue
} from '../thrift/compact-thrift';
import { CHECKPOINT_PARSERS } from './value-parsers';

export const PARQUET_MAGIC = 'PAR1';
const MAGIC_BYTES = new TextEncoder().encode(PARQUET_MAGIC);

// FileMetaData / RowGroup / ColumnChunk / KeyValue field ids (parquet.thrift).
const FILE_NUM_ROWS = 3;
const FILE_ROW_GROUPS = 4;
const FILE_KEY_VALUE = 5;
const FILE_CREATED_BY = 6;
const COLUMN_CHUNK_OFFSET_INDEX = [4, 5];
const COLUMN_CHUNK_COLUMN_INDEX = [6, 7];
const COLUMN_CHUNK_META = 3;
const COLUMN_META_BLOOM = [14, 15];
const ROW_GROUP_COLUMNS = 1;

/** Bytes at the end of every parquet file after the footer: 4-byte footer length + magic. */
export const FOOTER_TRAILER_BYTES = 8;

/**
 * Where the footer sits, from the last bytes of a file. Throws NotParquetError when the tail
 * does not end in the parquet magic, CorruptCheckpointError when the length cannot be right.
 */
export function locateFooter(
  tail: Uint8Array,
  fileSize: number
): { footerStart: number; footerLength: number } {
  if (fileSize < 12 || tail.length < FOOTER_TRAILER_BYTES) {
    throw new NotParquetError(`object of ${fileSize} bytes is too short to be a parquet file`);
  }
  if (!endsWithMagic(tail)) {
    throw new NotParquetError('object does not end with the parquet magic "PAR1"');
  }
  const view = new DataView(tail.buffer, tail.byteOffset, tail.byteLength);
  const footerLength = view.getUint32(tail.length - FOOTER_TRAILER_BYTES, true);
  const footerStart = fileSize - FOOTER_TRAILER_BYTES - footerLength;
  if (footerLength === 0 || footerStart < 4) {
    throw new CorruptCheckpointError(
      `parquet footer length ${footerLength} does not fit a ${fileSize}-byte file`
    );
  }
  return { footerStart, footerLength };
}

function endsWithMagic(bytes: Uint8Array): boolean {
  const start = bytes.length - 4;
  return MAGIC_BYTES.every((byte, i) => bytes[start + i] === byte);
}

/**
 * A parquet footer kept both as its exact thrift tree (for lossless editing) and as hyparquet's
 * parsed metadata (for reading schema, sizes and offsets).
 */
export class ParquetFooter {
  private constructor(
    public readonly thrift: ThriftStruct,
    public readonly metadata: FileMetaData,
    /** Byte offset where the footer begins: everything before it is magic + row-group data. */
    public readonly footerStart: number
  ) {}

  /**
   * Parses a footer. `footerAndTrailer` is the footer bytes followed by the 8-byte trailer;
   * `footerStart` is the footer's position in the file.
   */
  public static parse(footerAndTrailer: Uint8Array, footerStart: number): ParquetFooter {
    const footerLength = footerAndTrailer.length - FOOTER_TRAILER_BYTES;
    let thrift: ThriftStruct;
    let metadata: FileMetaData;
    try {
      const decoded = decodeThriftStruct(footerAndTrailer.subarray(0, footerLength));
      if (decoded.end !== footerLength)
        throw new Error(`footer thrift ends at ${decoded.end} of ${footerLength} bytes`);
      thrift = decoded.struct;
      metadata = parquetMetadata(footerAndTrailer, { parsers: CHECKPOINT_PARSERS });
    } catch (error) {
      throw new CorruptCheckpointError(`parquet footer cannot be decoded: ${(error as Error).message}`);
    }
    const footer = new ParquetFooter(thrift, metadata, footerStart);
    footer._checkLayout();
    return footer;
  }

  public get numRows(): number {
    return Number(this.metadata.num_rows);
  }

  public get rowGroupRows(): number[] {
    return this.metadata.row_groups.map((group) => Number(group.num_rows));
  }

  public keyValue(key: string): string | undefined {
    return this.metadata.key_value_metadata?.find((entry) => entry.key === key)?.value;
  }

  /** First byte of row group `index` (its first page, dictionary or data). */
  public rowGroupStart(index: number): number {
    let start = Infinity;
    for (const column of this.metadata.row_groups[index].columns) {
      const meta = column.meta_data;
      if (!meta) continue;
      const first = meta.dictionary_page_offset ?? meta.data_page_offset;
      start = Math.min(start, Number(first));
    }
    return start;
  }

  /** One past the last byte of row group `index`. */
  public rowGroupEnd(index: number): number {
    let end = 0;
    for (const column of this.metadata.row_groups[index].columns) {
      const meta = column.meta_data;
      if (!meta) continue;
      const first = meta.dictionary_page_offset ?? meta.data_page_offset;
      end = Math.max(end, Number(first) + Number(meta.total_compressed_size));
    }
    return end;
  }

  /**
   * A new footer (thrift + trailer): the first `keepRowGroups` row groups exactly as they are,
   * then `newRowGroups`, with the row count and the given key-value entries updated. Optional
   * page-index and bloom-filter references of kept row groups that point at or past `cut` (bytes
   * that the new file no longer has) are dropped.
   */
  public rewrite(options: {
    keepRowGroups: number;
    newRowGroups: ThriftStruct[];
    cut: number;
    keyValues: Record<string, string>;
    createdBy?: string;
  }): Uint8Array {
    const { keepRowGroups, newRowGroups, cut, keyValues } = options;
    const thrift = structuredCloneStruct(this.thrift);
    const groups = listItems(getField(thrift, FILE_ROW_GROUPS)).slice(0, keepRowGroups);
    for (const group of groups) dropReferencesPast(group, cut);
    const allGroups = [...groups, ...newRowGroups];
    let rows = 0n;
    for (const group of allGroups) rows += i64Field(group, 3);
    setField(thrift, FILE_NUM_ROWS, i64(rows));
    setField(thrift, FILE_ROW_GROUPS, structList(allGroups));
    setField(thrift, FILE_KEY_VALUE, structList(mergeKeyValues(getField(thrift, FILE_KEY_VALUE), keyValues)));
    if (options.createdBy !== undefined) setField(thrift, FILE_CREATED_BY, binary(options.createdBy));
    return withTrailer(encodeThriftStruct(thrift));
  }

  private _checkLayout(): void {
    const groups = this.metadata.row_groups;
    let sum = 0;
    for (let i = 0; i < groups.length; i++) {
      sum += Number(groups[i].num_rows);
      const start = this.rowGroupStart(i);
      const end = this.rowGroupEnd(i);
      if (!(start >= 4 && end <= this.footerStart && start <= end)) {
        throw new CorruptCheckpointError(
          `row group ${i} claims bytes ${start}–${end}, outside the data region 4–${this.footerStart}`
        );
      }
      if (i > 0 && start < this.rowGroupEnd(i - 1)) {
        throw new CorruptCheckpointError(`row group ${i} overlaps row group ${i - 1}`);
      }
    }
    if (sum !== this.numRows) {
      throw new CorruptCheckpointError(`footer says ${this.numRows} rows but its row groups hold ${sum}`);
    }
  }
}

/** Appends the 4-byte little-endian footer length and the magic. */
export function withTrailer(footer: Uint8Array): Uint8Array {
  const out = new Uint8Array(footer.length + FOOTER_TRAILER_BYTES);
  out.set(footer);
  new DataView(out.buffer).setUint32(footer.length, footer.length, true);
  out.set(MAGIC_BYTES, footer.length + 4);
  return out;
}

/** The row-group structs of a footer encoded by any writer (e.g. hyparquet-writer for new rows). */
export function rowGroupStructs(footerAndTrailer: Uint8Array): ThriftStruct[] {
  const { struct } = decodeThriftStruct(
    footerAndTrailer.subarray(0, footerAndTrailer.length - FOOTER_TRAILER_BYTES)
  );
  return listItems(getField(struct, FILE_ROW_GROUPS));
}

function listItems(value: ThriftValue | undefined): ThriftStruct[] {
  if (value === undefined) return [];
  if (value.type !== ThriftType.List) throw new CorruptCheckpointError('footer field is not a list');
  return value.value.items.map((item) => {
    if (item.type !== ThriftType.Struct) throw new CorruptCheckpointError('footer list item is not a struct');
    return item.value;
  });
}

function i64Field(struct: ThriftStruct, id: number): bigint {
  const value = getField(struct, id);
  if (value?.type === ThriftType.I64) return value.value;
  if (value?.type === ThriftType.I32) return BigInt(value.value);
  throw new CorruptCheckpointError(`row group lacks field ${id}`);
}

function dropReferencesPast(group: ThriftStruct, cut: number): void {
  for (const chunk of listItems(getField(group, ROW_GROUP_COLUMNS))) {
    for (const [offsetId, lengthId] of [COLUMN_CHUNK_OFFSET_INDEX, COLUMN_CHUNK_COLUMN_INDEX]) {
      const offset = getField(chunk, offsetId);
      if (offset?.type === ThriftType.I64 && offset.value >= BigInt(cut)) {
        removeField(chunk, offsetId);
        removeField(chunk, lengthId);
      }
    }
    const meta = getField(chunk, COLUMN_CHUNK_META);
    if (meta?.type !== ThriftType.Struct) continue;
    const [bloomId, bloomLengthId] = COLUMN_META_BLOOM;
    const bloom = getField(meta.value, bloomId);
    if (bloom?.type === ThriftType.I64 && bloom.value >= BigInt(cut)) {
      removeField(meta.value, bloomId);
      removeField(meta.value, bloomLengthId);
    }
  }
}

function mergeKeyValues(existing: ThriftValue | undefined, updates: Record<string, string>): ThriftStruct[] {
  const decoder = new TextDecoder();
  const pending = new Map(Object.entries(updates));
  const merged: ThriftStruct[] = [];
  for (const entry of listItems(existing)) {
    const key = getField(entry, 1);
    const name = key?.type === ThriftType.Binary ? decoder.decode(key.value) : undefined;
    if (name !== undefined && pending.has(name)) {
      merged.push(keyValue(name, pending.get(name) as string));
      pending.delete(name);
    } else {
      merged.push(entry);
    }
  }
  for (const [name, value] of pending) merged.push(keyValue(name, value));
  return merged;
}

function keyValue(key: string, value: string): ThriftStruct {
  return {
    fields: [
      { id: 1, value: binary(key) },
      { id: 2, value: binary(value) }
    ]
  };
}

/** Deep copy so edits never touch the parsed original (a retry re-reads anyway; this keeps it pure). */
function structuredCloneStruct(struct: ThriftStruct): ThriftStruct {
  return structValueClone(structValue(struct)).value as ThriftStruct;
}

function structValueClone(value: ThriftValue): ThriftValue {
  switch (value.type) {
    case ThriftType.Struct:
      return {
        type: value.type,
        value: {
          fields: value.value.fields.map(({ id, value: inner }) => ({ id, value: structValueClone(inner) }))
        }
      };
    case ThriftType.List:
    case ThriftType.Set:
      return {
        type: value.type,
        value: { elementType: value.value.elementType, items: value.value.items.map(structValueClone) }
      };
    case ThriftType.Map:
      return {
        type: value.type,
        value: {
          keyType: value.value.keyType,
          valueType: value.value.valueType,
          entries: value.value.entries.map(([k, v]) => [structValueClone(k), structValueClone(v)])
        }
      };
    default:
      return value;
  }
}
