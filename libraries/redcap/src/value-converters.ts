import type { TableColumnType } from '@reporting/schemas';

/**
 * A value in the checkpoint engine's types (its TableRow) as its ColumnVectors take them: string;
 * date → days since 1970-01-01; timestamp → microseconds since the epoch, UTC; int64; int32 and
 * double → number; boolean. Timestamps and int64 are numbers while they are safe integers and
 * bigints beyond (a bigint per value costs an allocation; the vector stores both as 64-bit integers).
 */
export type RedcapValue = string | number | bigint | boolean | null;

/** Turns one raw CSV value into its column's value; throws ValueRefused naming what is wrong. */
export type ValueConverter = (raw: string) => RedcapValue;

/** A raw value the column type refuses; the CSV parser adds the line, the field and the value. */
export class ValueRefused extends Error {
  public override readonly name = 'ValueRefused';
}

export interface ConverterOptions {
  /** Minutes the REDCap server's local time is ahead of UTC (REDCap stores datetimes without an offset). */
  readonly utcOffsetMinutes: number;
  /** The project's missing data codes: null in a typed column, kept as text in a string column. */
  readonly missingDataCodes: ReadonlySet<string>;
}

const INTEGER = /^[+-]?\d+$/;
// A decimal as REDCap's number validations accept it; a comma decimal is what *_comma_decimal fields store.
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const COMMA_DECIMAL = /^[+-]?\d*,\d+$/;
const ZERO = 48;
const DASH = 45;
const COLON = 58;
const SPACE = 32;
const T = 84;

/** The number written by `length` ASCII digits at `at`, or -1 if any is not a digit. */
function digits(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = at; i < at + length; i++) {
    const digit = bytes[i] - ZERO;
    if (!(digit >= 0 && digit <= 9)) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Days since 1970-01-01 of the `YYYY-MM-DD` in bytes [start, end), or undefined when it is not that
 * shape or not a real date. Read byte by byte: no string, no match array per value.
 */
export function daysOfIsoDate(bytes: Uint8Array, start: number, end: number): number | undefined {
  if (end - start !== 10) return undefined;
  return daysAt(bytes, start);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

function daysAt(bytes: Uint8Array, at: number): number | undefined {
  if (bytes[at + 4] !== DASH || bytes[at + 7] !== DASH) return undefined;
  const year = digits(bytes, at, 4);
  const month = digits(bytes, at + 5, 2);
  const day = digits(bytes, at + 8, 2);
  if (year < 0 || month < 0 || day < 0 || !isRealDate(year, month, day)) return undefined;
  return daysFromCivil(year, month, day);
}

function toInt32(raw: string): number {
  if (!INTEGER.test(raw)) throw new ValueRefused(`is not an integer`);
  const value = Number(raw);
  if (value < -2147483648 || value > 2147483647) throw new ValueRefused(`is outside the INT32 range`);
  return value === 0 ? 0 : value; // no -0 from "-0"
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function toInt64(raw: string): bigint | number {
  if (!INTEGER.test(raw)) throw new ValueRefused(`is not an integer`);
  // Up to 15 digits is a safe integer: a number, no bigint per value (the engine takes both).
  if (raw.length <= 15) {
    const value = Number(raw);
    return value === 0 ? 0 : value;
  }
  const value = BigInt(raw);
  if (value < INT64_MIN || value > INT64_MAX) throw new ValueRefused(`is outside the INT64 range`);
  return value;
}

function toDouble(raw: string): number {
  let text = raw;
  if (!DECIMAL.test(text)) {
    if (!COMMA_DECIMAL.test(text)) throw new ValueRefused('is not a number');
    text = text.replace(',', '.');
  }
  const value = Number(text);
  if (!Number.isFinite(value)) throw new ValueRefused('is not a finite number');
  return value;
}

function toBoolean(raw: string): boolean {
  if (raw === '1') return true;
  if (raw === '0') return false;
  throw new ValueRefused('is not 1 or 0');
}

/**
 * Days from 1970-01-01 to a proleptic Gregorian date, by arithmetic (H. Hinnant's days_from_civil):
 * no Date per value, and no Date.UTC, which maps years 0–99 to 1900–1999.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
// Raw exports write datetimes as `YYYY-MM-DD HH:MM`, with `:SS` for datetime_seconds_* fields.
const DATETIME_SHAPE = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2})?$/;

function toDate(raw: string): number {
  const bytes = Buffer.from(raw);
  const days = daysOfIsoDate(bytes, 0, bytes.length);
  if (days === undefined) {
    throw new ValueRefused(DATE_SHAPE.test(raw) ? 'is not a real date' : 'is not a date (YYYY-MM-DD)');
  }
  return days;
}

const MICROS_PER_SECOND = 1_000_000;

/** Microseconds since the epoch (UTC): a number while it is a safe integer (years 1685–2255), else a bigint. */
function toTimestamp(raw: string, offsetMinutes: number): number | bigint {
  const bytes = Buffer.from(raw);
  const seconds = secondsOfDateTime(bytes, 0, bytes.length);
  if (seconds === undefined) {
    throw new ValueRefused(
      DATETIME_SHAPE.test(raw) ? 'is not a real date-time' : 'is not a date-time (YYYY-MM-DD HH:MM[:SS])'
    );
  }
  return timestampMicros(seconds, offsetMinutes);
}

/** µs since the epoch of local `seconds` at a server `offsetMinutes` ahead of UTC; number when safe. */
export function timestampMicros(seconds: number, offsetMinutes: number): number | bigint {
  const utc = seconds - offsetMinutes * 60;
  const micros = utc * MICROS_PER_SECOND;
  return Number.isSafeInteger(micros) ? micros : BigInt(utc) * 1_000_000n;
}

/** Seconds since the epoch of `YYYY-MM-DD HH:MM[:SS]` (or with `T`) in bytes [start, end), or undefined. */
export function secondsOfDateTime(bytes: Uint8Array, start: number, end: number): number | undefined {
  const length = end - start;
  if (length !== 16 && length !== 19) return undefined;
  const separator = bytes[start + 10];
  if ((separator !== SPACE && separator !== T) || bytes[start + 13] !== COLON) return undefined;
  const days = daysAt(bytes, start);
  const hour = digits(bytes, start + 11, 2);
  const minute = digits(bytes, start + 14, 2);
  let second = 0;
  if (length === 19) {
    if (bytes[start + 16] !== COLON) return undefined;
    second = digits(bytes, start + 17, 2);
  }
  if (days === undefined || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  return days * 86_400 + hour * 3600 + minute * 60 + second;
}

/**
 * The converter of a column type. Every type maps '' to null; a typed (non-string) column also
 * maps the project's missing data codes to null. `required` refuses ''.
 */
export function valueConverter(
  type: TableColumnType,
  required: boolean,
  options: ConverterOptions
): ValueConverter {
  const { missingDataCodes, utcOffsetMinutes } = options;
  const convert = typedConverter(type, utcOffsetMinutes);
  // Most projects have no missing data codes: then no lookup per value.
  const codes = type !== 'string' && missingDataCodes.size > 0 ? missingDataCodes : undefined;
  return (raw) => {
    if (raw === '') {
      if (required) throw new ValueRefused('is empty, but the column is required (the record id)');
      return null;
    }
    if (codes?.has(raw) === true) return null;
    return convert(raw);
  };
}

function typedConverter(type: TableColumnType, utcOffsetMinutes: number): ValueConverter {
  switch (type) {
    case 'string':
      return (raw) => raw;
    case 'int64':
      return toInt64;
    case 'int32':
      return toInt32;
    case 'double':
      return toDouble;
    case 'boolean':
      return toBoolean;
    case 'date':
      return toDate;
    case 'timestamp':
      return (raw) => toTimestamp(raw, utcOffsetMinutes);
    case 'json':
      return () => {
        throw new ValueRefused('is in a JSON column, which a REDCap export never has');
      };
  }
}

const UTC_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Minutes ahead of UTC for `Z`, `+HH:MM` or `-HH:MM`; RangeError for anything else. */
export function parseUtcOffset(offset: string): number {
  if (offset === 'Z') return 0;
  const match = UTC_OFFSET.exec(offset);
  if (match === null || Number(match[2]) > 18 || Number(match[3]) > 59) {
    throw new RangeError(`utcOffset must be "Z" or ±HH:MM, got ${JSON.stringify(offset)}`);
  }
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === '-' ? -minutes : minutes;
}
