import { type ColumnVector, StringVector } from '@reporting/checkpoint-store';
import type { TableColumn, TableColumnType } from '@reporting/schemas';

import type { CsvRecord } from './csv-tokenizer';
import {
  type ConverterOptions,
  daysOfIsoDate,
  secondsOfDateTime,
  timestampMicros,
  valueConverter
} from './value-converters';

/** Reads field `index` of a record into its column's vector; throws ValueRefused for a value the column refuses. */
export type FieldReader = (record: CsvRecord, index: number, vector: ColumnVector) => void;

/** The value of a field's bytes in their common shape, or undefined: then the text converter decides. */
type BytesParser = (bytes: Buffer, start: number, end: number) => number | bigint | boolean | undefined;

const ZERO = 48;
const NINE = 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
/** Powers of ten a double holds exactly: a ≤ 15-digit integer divided by one is correctly rounded. */
const EXACT_POWERS_OF_TEN = Array.from({ length: 16 }, (_, k) => 10 ** k);

/**
 * `[+-]digits[.digits]` as Number() reads it: up to 15 digits, the digits as an exact integer divided
 * by an exact power of ten (one rounding, so the same double); more digits, Number() of the text (its
 * shape already checked). Undefined for any other shape, and for integers of more than 15 digits.
 */
function plainDecimal(bytes: Buffer, start: number, end: number, integerOnly: boolean): number | undefined {
  let at = start;
  const sign = bytes[at];
  if (sign === MINUS || sign === PLUS) at++;
  let mantissa = 0;
  let digitCount = 0;
  let decimals = -1;
  for (; at < end; at++) {
    const byte = bytes[at];
    if (byte >= ZERO && byte <= NINE) {
      mantissa = mantissa * 10 + (byte - ZERO);
      digitCount++;
      if (decimals >= 0) decimals++;
    } else if (byte === DOT && decimals < 0 && !integerOnly) decimals = 0;
    else return undefined;
  }
  if (digitCount === 0 || (digitCount > 15 && integerOnly)) return undefined;
  if (digitCount > 15) return Number(bytes.toString('latin1', start, end));
  const magnitude = decimals > 0 ? mantissa / EXACT_POWERS_OF_TEN[decimals] : mantissa;
  if (sign !== MINUS) return magnitude;
  return integerOnly && magnitude === 0 ? 0 : -magnitude; // integers have no -0
}

function bytesParser(type: TableColumnType, utcOffsetMinutes: number): BytesParser | undefined {
  switch (type) {
    case 'double':
      return (bytes, start, end) => plainDecimal(bytes, start, end, false);
    case 'int64':
      return (bytes, start, end) => plainDecimal(bytes, start, end, true);
    case 'int32':
      return (bytes, start, end) => {
        const value = plainDecimal(bytes, start, end, true);
        return value !== undefined && (value | 0) === value ? value : undefined; // eslint-disable-line no-bitwise
      };
    case 'boolean':
      return (bytes, start, end) =>
        end - start !== 1 ? undefined : bytes[start] === 49 ? true : bytes[start] === 48 ? false : undefined;
    case 'date':
      return daysOfIsoDate;
    case 'timestamp':
      return (bytes, start, end) => {
        const seconds = secondsOfDateTime(bytes, start, end);
        return seconds === undefined ? undefined : timestampMicros(seconds, utcOffsetMinutes);
      };
    default:
      return undefined;
  }
}

function isAscii(bytes: Buffer, start: number, end: number): boolean {
  for (let at = start; at < end; at++) if (bytes[at] > 0x7f) return false;
  return true;
}

/**
 * How a column's fields go from the CSV bytes into its vector. The common shapes (plain numbers,
 * dates, date-times, 1/0, ASCII text) are read from the bytes with no string made (a dictionary
 * column finds a short code it has seen by its bytes: decision 0080); anything else takes the text
 * converter (`valueConverter`), which decides with the same result and gives the refusal's message
 * (decision 0079).
 */
export function fieldReader(column: TableColumn, options: ConverterOptions): FieldReader {
  const convert = valueConverter(column.type, column.repetition === 'REQUIRED', options);
  const byText: FieldReader = (record, index, vector) => vector.push(convert(record.text(index)));
  if (column.type === 'string') {
    return (record, index, vector) => {
      const start = record.starts[index];
      const end = record.ends[index];
      if (
        start === end ||
        !(vector instanceof StringVector && vector.takesBytes) ||
        !isAscii(record.bytes, start, end)
      ) {
        byText(record, index, vector);
      } else vector.pushUtf8(record.bytes, start, end, record.escaped[index] === 1);
    };
  }
  // Missing data codes are text that may look like a number (-999): with any, every value is text.
  const parse =
    options.missingDataCodes.size > 0 ? undefined : bytesParser(column.type, options.utcOffsetMinutes);
  if (parse === undefined) return byText;
  return (record, index, vector) => {
    const start = record.starts[index];
    const end = record.ends[index];
    const value = start === end ? undefined : parse(record.bytes, start, end);
    if (value === undefined) byText(record, index, vector);
    else vector.push(value);
  };
}
