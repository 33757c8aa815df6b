/* eslint-disable no-bitwise -- bit-packed booleans */
import type { ColumnChunk, Encoding, SchemaElement, Statistics } from 'hyparquet';
import { ByteWriter } from 'hyparquet-writer';
import { writePageHeader } from 'hyparquet-writer/src/datapage.js';
import { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';

import {
  BooleanVector,
  type ColumnVector,
  DoubleVector,
  Int32Vector,
  Int64Vector,
  StringVector
} from '../table/column-vector';
import type { ChunkedByteWriter } from './chunked-byte-writer';
import type { PageCompressor } from './page-compressor';

/** Uncompressed bytes of values per data page (parquet's customary 1 MiB). */
export const PAGE_BYTES = 1 << 20;

/**
 * Writes one column vector as a column chunk at the writer's position and returns its footer entry:
 * an optional dictionary page, then DATA_PAGE_V2 pages of about PAGE_BYTES, values SNAPPY-compressed
 * where that pays (PageCompressor, our SnappyBlockEncoder: decision 0080), definition levels
 * RLE/bit-packed, statistics (null count; min/max for numbers, dates, timestamps and booleans).
 * hyparquet-writer's page header and level encoders do those bytes; the values go from the vector's
 * typed buffers to the page with no per-value JS work (decision 0079).
 */
export function writeColumnVectorChunk(
  writer: ChunkedByteWriter,
  vector: ColumnVector,
  element: SchemaElement,
  compressor: PageCompressor
): ColumnChunk {
  const type = element.type;
  if (type === undefined) throw new Error(`column ${element.name} has no physical type`);
  const start = writer.offset;
  const plan = valuePlan(vector);
  let uncompressed = 0;
  let dictionaryPageOffset: bigint | undefined;
  if (plan.dictionary !== undefined) {
    dictionaryPageOffset = BigInt(writer.offset);
    uncompressed += writeDictionaryPage(writer, plan.dictionary.bytes, plan.dictionary.count, compressor);
  }
  const dataPageOffset = BigInt(writer.offset);
  const optional = element.repetition_type !== 'REQUIRED';
  const rowsPerPage = Math.max(1, Math.floor((vector.length * PAGE_BYTES) / Math.max(1, plan.totalBytes)));
  let valueStart = 0;
  for (let rowStart = 0; rowStart < vector.length || rowStart === 0; rowStart += rowsPerPage) {
    const rowEnd = Math.min(vector.length, rowStart + rowsPerPage);
    let valueEnd = valueStart;
    for (let row = rowStart; row < rowEnd; row++) valueEnd += vector.defined[row];
    uncompressed += writeDataPage(writer, compressor, element.name, {
      levels: optional ? vector.defined.subarray(rowStart, rowEnd) : undefined,
      rows: rowEnd - rowStart,
      nulls: rowEnd - rowStart - (valueEnd - valueStart),
      encoding: plan.encoding,
      values: plan.values(valueStart, valueEnd)
    });
    valueStart = valueEnd;
    if (vector.length === 0) break;
  }
  return {
    file_offset: BigInt(start),
    meta_data: {
      type,
      encodings: plan.dictionary === undefined ? [plan.encoding] : ['PLAIN', plan.encoding],
      path_in_schema: [element.name],
      codec: 'SNAPPY',
      num_values: BigInt(vector.length),
      total_uncompressed_size: BigInt(uncompressed),
      total_compressed_size: BigInt(writer.offset - start),
      data_page_offset: dataPageOffset,
      ...(dictionaryPageOffset === undefined ? {} : { dictionary_page_offset: dictionaryPageOffset }),
      statistics: statistics(vector)
    }
  };
}

interface ValuePlan {
  readonly encoding: Encoding;
  readonly dictionary?: { readonly bytes: Uint8Array; readonly count: number };
  /** Uncompressed value bytes of the whole chunk (to size pages). */
  readonly totalBytes: number;
  /** The encoded bytes of non-null values [from, to). */
  values(from: number, to: number): Uint8Array;
}

function valuePlan(vector: ColumnVector): ValuePlan {
  if (vector instanceof StringVector) {
    const dictionarySize = vector.dictionarySize;
    if (dictionarySize !== undefined && vector.valueCount > 0) {
      const bitWidth = Math.max(1, 32 - Math.clz32(Math.max(0, dictionarySize - 1)));
      return {
        encoding: 'RLE_DICTIONARY',
        dictionary: {
          bytes: vector.dictionaryPlain.subarray(0, vector.dictionaryPlainLength),
          count: dictionarySize
        },
        totalBytes: Math.ceil((vector.valueCount * bitWidth) / 8),
        values: (from, to) => dictionaryIndexes(vector.indexes.subarray(from, to), bitWidth)
      };
    }
    return {
      encoding: 'PLAIN',
      totalBytes: vector.plainLength,
      values: (from, to) => vector.plain.subarray(vector.plainOffset(from), vector.plainOffset(to))
    };
  }
  if (vector instanceof BooleanVector) {
    return {
      encoding: 'PLAIN',
      totalBytes: Math.ceil(vector.valueCount / 8),
      values: (from, to) => bitPacked(vector.values.subarray(from, to))
    };
  }
  const values = fixedWidthValues(vector);
  const width = values.BYTES_PER_ELEMENT;
  return {
    encoding: 'PLAIN',
    totalBytes: vector.valueCount * width,
    values: (from, to) => new Uint8Array(values.buffer, values.byteOffset + from * width, (to - from) * width)
  };
}

function fixedWidthValues(vector: ColumnVector): Float64Array | Int32Array | BigInt64Array {
  if (vector instanceof DoubleVector || vector instanceof Int32Vector || vector instanceof Int64Vector) {
    return vector.values;
  }
  throw new Error(`no encoding for a ${vector.constructor.name}`);
}

/** PLAIN booleans: one bit each, least significant bit first. */
function bitPacked(values: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(Math.ceil(values.length / 8));
  for (let i = 0; i < values.length; i++) bytes[i >> 3] |= values[i] << (i & 7);
  return bytes;
}

/** RLE_DICTIONARY page values: the bit width, then the indexes RLE/bit-packed. */
function dictionaryIndexes(indexes: Int32Array, bitWidth: number): Uint8Array {
  const out = new ByteWriter(indexes.length + 16);
  out.appendUint8(bitWidth);
  writeRleBitPackedHybrid(out, indexes, bitWidth);
  return out.getBytes();
}

function writeDictionaryPage(
  writer: ChunkedByteWriter,
  plain: Uint8Array,
  count: number,
  compressor: PageCompressor
): number {
  const compressed = compressor.compressAlways(plain);
  const headerStart = writer.offset;
  writePageHeader(writer, {
    type: 'DICTIONARY_PAGE',
    uncompressed_page_size: plain.length,
    compressed_page_size: compressed.length,
    dictionary_page_header: { num_values: count, encoding: 'PLAIN' }
  });
  const header = writer.offset - headerStart;
  writer.appendOwned(compressed);
  return header + plain.length;
}

interface DataPage {
  /** Definition levels (0 null, 1 value) of an OPTIONAL column; undefined for REQUIRED. */
  readonly levels: Uint8Array | undefined;
  readonly rows: number;
  readonly nulls: number;
  readonly encoding: Encoding;
  readonly values: Uint8Array;
}

function writeDataPage(
  writer: ChunkedByteWriter,
  compressor: PageCompressor,
  column: string,
  page: DataPage
): number {
  const levels = new ByteWriter(page.rows / 8 + 16);
  if (page.levels !== undefined) writeRleBitPackedHybrid(levels, page.levels, 1);
  const levelBytes = levels.getBytes();
  const compressed = compressor.compress(column, page.values);
  const stored = compressed ?? page.values;
  const headerStart = writer.offset;
  writePageHeader(writer, {
    type: 'DATA_PAGE_V2',
    uncompressed_page_size: levelBytes.length + page.values.length,
    compressed_page_size: levelBytes.length + stored.length,
    data_page_header_v2: {
      num_values: page.rows,
      num_nulls: page.nulls,
      num_rows: page.rows,
      encoding: page.encoding,
      definition_levels_byte_length: levelBytes.length,
      repetition_levels_byte_length: 0,
      is_compressed: compressed !== undefined
    }
  });
  const header = writer.offset - headerStart;
  writer.appendBytes(levelBytes);
  // A compressed page is ours to keep; uncompressed values are a view of the vector's buffer: copied.
  if (compressed === undefined) writer.appendBytes(stored);
  else writer.appendOwned(compressed);
  return header + levelBytes.length + page.values.length;
}

function statistics(vector: ColumnVector): Statistics {
  const nullCount = { null_count: BigInt(vector.nullCount) };
  if (vector.valueCount === 0) return nullCount;
  if (vector instanceof Int32Vector || (vector instanceof DoubleVector && !vector.sawNaN)) {
    return { ...nullCount, min_value: vector.min, max_value: vector.max };
  }
  if (vector instanceof Int64Vector && vector.min !== undefined && vector.max !== undefined) {
    return { ...nullCount, min_value: vector.min, max_value: vector.max };
  }
  if (vector instanceof BooleanVector) {
    return { ...nullCount, min_value: vector.trues === vector.valueCount, max_value: vector.trues > 0 };
  }
  return nullCount;
}
