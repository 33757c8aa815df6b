import type { TableColumnType } from '@reporting/schemas';

/** A record value, JSON-shaped: dates and timestamps as ISO text, integers as (safe) numbers. */
export type RedcapValue = string | number | boolean | null;

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

function toInteger(raw: string, min: number, max: number, what: string): number {
  if (!INTEGER.test(raw)) throw new ValueRefused(`is not an integer`);
  const value = Number(raw);
  if (value < min || value > max) throw new ValueRefused(`is outside the ${what} range`);
  return value === 0 ? 0 : value; // no -0 from "-0"
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

function toDate(raw: string): string {
  const match = DATE.exec(raw);
  if (match === null) throw new ValueRefused('is not a date (YYYY-MM-DD)');
  if (!isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new ValueRefused('is not a real date');
  }
  return raw;
}

function toTimestamp(raw: string, offsetMinutes: number): string {
  const match = DATETIME.exec(raw);
  if (match === null) throw new ValueRefused('is not a date-time (YYYY-MM-DD HH:MM[:SS])');
  const [, year, month, day, hour, minute, second = '00'] = match;
  if (!isRealDate(Number(year), Number(month), Number(day)) || +hour > 23 || +minute > 59 || +second > 59) {
    throw new ValueRefused('is not a real date-time');
  }
  if (offsetMinutes === 0) return `${year}-${month}-${day}T${hour}:${minute}:${second}Z`;
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  const time = new Date(0);
  time.setUTCFullYear(Number(year), Number(month) - 1, Number(day));
  time.setUTCHours(Number(hour), Number(minute) - offsetMinutes, Number(second));
  return `${time.toISOString().slice(0, 19)}Z`;
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
      // JSON-shaped records carry integers as numbers: beyond 2^53 they would silently round.
      return (raw) => toInteger(raw, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'safe integer');
    case 'int32':
      return (raw) => toInteger(raw, -2147483648, 2147483647, 'INT32');
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
