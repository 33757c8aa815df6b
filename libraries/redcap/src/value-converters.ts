import type { TableColumnType } from '@reporting/schemas';

/**
 * A value in the checkpoint engine's types (its TableRow): string; date → days since 1970-01-01;
 * timestamp → microseconds since the epoch, UTC (bigint); int64 → bigint; int32 and double → number;
 * boolean. What the parquet writer takes, so no second conversion per value.
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
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Raw exports write datetimes as `YYYY-MM-DD HH:MM`, with `:SS` for datetime_seconds_* fields.
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return day <= days;
}

function toInt32(raw: string): number {
  if (!INTEGER.test(raw)) throw new ValueRefused(`is not an integer`);
  const value = Number(raw);
  if (value < -2147483648 || value > 2147483647) throw new ValueRefused(`is outside the INT32 range`);
  return value === 0 ? 0 : value; // no -0 from "-0"
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

function toInt64(raw: string): bigint {
  if (!INTEGER.test(raw)) throw new ValueRefused(`is not an integer`);
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

function toDate(raw: string): number {
  const match = DATE.exec(raw);
  if (match === null) throw new ValueRefused('is not a date (YYYY-MM-DD)');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (!isRealDate(year, month, day)) throw new ValueRefused('is not a real date');
  return daysFromCivil(year, month, day);
}

function toTimestamp(raw: string, offsetMinutes: number): bigint {
  const match = DATETIME.exec(raw);
  if (match === null) throw new ValueRefused('is not a date-time (YYYY-MM-DD HH:MM[:SS])');
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const hour = Number(match[4]);
  const minute = Number(match[5]);
  const second = match[6] === undefined ? 0 : Number(match[6]);
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
    throw new ValueRefused('is not a real date-time');
  }
  const seconds =
    daysFromCivil(year, month, day) * 86_400 + hour * 3600 + (minute - offsetMinutes) * 60 + second;
  return BigInt(seconds) * 1_000_000n;
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
