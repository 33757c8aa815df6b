import type { TableColumnType } from '@reporting/schemas';
import fc from 'fast-check';
import { ValueRefused, daysFromCivil, parseUtcOffset, valueConverter } from './value-converters';

const utc = { utcOffsetMinutes: 0, missingDataCodes: new Set<string>() };
const DAY = 86_400_000;
/** Microseconds of an ISO date-time by Date: an independent computation of what the converter does. */
const micros = (iso: string): bigint => BigInt(Date.parse(iso)) * 1000n;
/** INT64 and TIMESTAMP values come as numbers while safe integers, else bigints: compared as bigints. */
const int64 = (value: unknown): bigint => {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw new Error(`unsafe ${value}`);
  return BigInt(value as number | bigint);
};
const convert = (type: TableColumnType, raw: string, options = utc) =>
  valueConverter(type, false, options)(raw);
const refusal = (type: TableColumnType, raw: string, options = utc): string => {
  try {
    convert(type, raw, options);
  } catch (error) {
    if (error instanceof ValueRefused) return error.message;
    throw error;
  }
  throw new Error(`${JSON.stringify(raw)} was accepted as ${type}`);
};

describe('valueConverter', () => {
  it.each<TableColumnType>(['string', 'int64', 'int32', 'double', 'boolean', 'date', 'timestamp'])(
    'maps an empty %s value to null',
    (type) => expect(convert(type, '')).toBeNull()
  );

  it('refuses an empty value in a required column (the record id)', () => {
    expect(() => valueConverter('string', true, utc)('')).toThrow(/required/);
    expect(valueConverter('string', true, utc)('17')).toBe('17');
  });

  it('keeps text as it is, spaces and all', () => {
    expect(convert('string', ' a, "b"\nc ')).toBe(' a, "b"\nc ');
  });

  it.each([
    ['42', 42n],
    ['-7', -7n],
    ['+3', 3n],
    ['007', 7n],
    ['-0', 0n],
    ['9007199254740993', 9007199254740993n],
    ['9223372036854775807', 2n ** 63n - 1n],
    ['-9223372036854775808', -(2n ** 63n)]
  ])('reads the integer %j as the INT64 %p', (raw, value) =>
    expect(int64(convert('int64', raw))).toBe(value)
  );

  it('reads INT32 integers as numbers, without -0', () => {
    expect(convert('int32', '42')).toBe(42);
    expect(Object.is(convert('int32', '-0'), 0)).toBe(true);
  });

  it.each(['4.2', '1e3', 'abc', ' 4', '4 ', '0x10'])('refuses %j as an integer', (raw) =>
    expect(refusal('int64', raw)).toBe('is not an integer')
  );

  it('refuses integers beyond the range of their column', () => {
    expect(refusal('int64', '9223372036854775808')).toMatch(/INT64 range/);
    expect(refusal('int64', '-9223372036854775809')).toMatch(/INT64 range/);
    expect(convert('int32', '2147483647')).toBe(2147483647);
    expect(refusal('int32', '2147483648')).toMatch(/INT32 range/);
  });

  it.each([
    ['3.25', 3.25],
    ['-0.5', -0.5],
    ['.5', 0.5],
    ['7', 7],
    ['7.', 7],
    ['1e-3', 0.001],
    ['2,75', 2.75],
    ['-,5', -0.5]
  ])('reads the number %j as %d (a comma decimal too)', (raw, value) =>
    expect(convert('double', raw)).toBe(value)
  );

  it.each(['abc', '1,000.5', '1.2.3', 'NaN', 'Infinity', '1,2,3', ' 1'])('refuses %j as a number', (raw) =>
    expect(refusal('double', raw)).toBe('is not a number')
  );

  it('refuses a number too large for a double', () => {
    expect(refusal('double', '1e400')).toBe('is not a finite number');
  });

  it('reads 1 and 0 as booleans, nothing else', () => {
    expect(convert('boolean', '1')).toBe(true);
    expect(convert('boolean', '0')).toBe(false);
    for (const raw of ['yes', 'true', '2', '01']) expect(refusal('boolean', raw)).toBe('is not 1 or 0');
  });

  it('reads a real date as days since 1970-01-01 (parquet DATE)', () => {
    expect(convert('date', '1970-01-01')).toBe(0);
    expect(convert('date', '2024-02-29')).toBe(Date.parse('2024-02-29') / DAY);
    expect(convert('date', '2000-02-29')).toBe(Date.parse('2000-02-29') / DAY);
    expect(convert('date', '0001-01-01')).toBe(Date.parse('0001-01-01') / DAY);
    expect(convert('date', '1969-12-31')).toBe(-1);
  });

  it.each([
    ['2023-02-29', 'is not a real date'],
    ['1900-02-29', 'is not a real date'],
    ['2024-04-31', 'is not a real date'],
    ['2024-13-01', 'is not a real date'],
    ['2024-00-10', 'is not a real date'],
    ['2024-01-00', 'is not a real date'],
    ['0000-01-01', 'is not a real date'],
    ['12/31/2024', 'is not a date (YYYY-MM-DD)'],
    ['2024-1-5', 'is not a date (YYYY-MM-DD)'],
    ['2024-01-05 10:00', 'is not a date (YYYY-MM-DD)']
  ])('refuses the date %j: %s', (raw, message) => expect(refusal('date', raw)).toBe(message));

  it('reads datetimes with and without seconds as microseconds since the epoch, UTC', () => {
    expect(int64(convert('timestamp', '2024-03-05 14:07'))).toBe(micros('2024-03-05T14:07:00Z'));
    expect(int64(convert('timestamp', '2024-03-05 14:07:09'))).toBe(micros('2024-03-05T14:07:09Z'));
    expect(int64(convert('timestamp', '2024-03-05T14:07:09'))).toBe(micros('2024-03-05T14:07:09Z'));
    expect(int64(convert('timestamp', '1969-12-31 23:59:59'))).toBe(-1_000_000n);
  });

  it('gives numbers while safe integers (no bigint per value), bigints beyond', () => {
    expect(convert('int64', '123456789012345')).toBe(123_456_789_012_345);
    expect(convert('int64', '1234567890123456')).toBe(1_234_567_890_123_456n);
    expect(convert('timestamp', '2255-06-05 23:47:34')).toBe(9_007_199_254_000_000);
    expect(convert('timestamp', '2255-06-05 23:47:35')).toBe(9_007_199_255_000_000n);
    expect(convert('timestamp', '1684-07-28 00:12:26')).toBe(-9_007_199_254_000_000);
    expect(convert('timestamp', '1684-07-28 00:12:25')).toBe(-9_007_199_255_000_000n);
  });

  it('converts from the server offset to UTC when one is given', () => {
    const newYork = { ...utc, utcOffsetMinutes: -300 };
    expect(int64(convert('timestamp', '2024-12-31 21:30', newYork))).toBe(micros('2025-01-01T02:30:00Z'));
    const kolkata = { ...utc, utcOffsetMinutes: 330 };
    expect(int64(convert('timestamp', '2024-03-01 03:00:15', kolkata))).toBe(micros('2024-02-29T21:30:15Z'));
    expect(int64(convert('timestamp', '0050-01-01 12:00', kolkata))).toBe(micros('0050-01-01T06:30:00Z'));
  });

  it.each([
    ['2024-03-05', 'is not a date-time (YYYY-MM-DD HH:MM[:SS])'],
    ['2024-03-05 14:07:09.5', 'is not a date-time (YYYY-MM-DD HH:MM[:SS])'],
    ['2024-03-05 14:07+01:00', 'is not a date-time (YYYY-MM-DD HH:MM[:SS])'],
    ['2024-03-05 24:00', 'is not a real date-time'],
    ['2024-03-05 12:60', 'is not a real date-time'],
    ['2024-03-05 12:00:60', 'is not a real date-time'],
    ['2023-02-29 12:00', 'is not a real date-time']
  ])('refuses the datetime %j: %s', (raw, message) => expect(refusal('timestamp', raw)).toBe(message));

  it('maps missing data codes to null in typed columns and keeps them in text', () => {
    const options = { ...utc, missingDataCodes: new Set(['UNK', 'NA']) };
    for (const type of ['int64', 'double', 'boolean', 'date', 'timestamp'] as const) {
      expect(convert(type, 'UNK', options)).toBeNull();
    }
    expect(convert('string', 'NA', options)).toBe('NA');
    expect(refusal('int64', 'UNK')).toBe('is not an integer');
  });

  it('refuses any value of a JSON column (a REDCap table has none)', () => {
    expect(refusal('json', '{}')).toMatch(/JSON column/);
  });
});

describe('daysFromCivil', () => {
  it('days from civil: any real date from year 1 to 9999 counts the same days as Date', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }),
        (date) => {
          const days = Math.floor(date.getTime() / DAY);
          expect(daysFromCivil(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate())).toBe(days);
        }
      ),
      { numRuns: 500 }
    );
  });
});

describe('parseUtcOffset', () => {
  it.each([
    ['Z', 0],
    ['+00:00', 0],
    ['+05:30', 330],
    ['-08:00', -480],
    ['+14:00', 840]
  ])('reads %j as %d minutes', (text, minutes) => expect(parseUtcOffset(text)).toBe(minutes));

  it.each(['UTC', '+5', '05:00', '+19:00', '+05:60', ''])('refuses %j', (text) =>
    expect(() => parseUtcOffset(text)).toThrow(RangeError)
  );
});
