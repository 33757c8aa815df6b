import * as fc from 'fast-check';

import {
  daysFromIsoDate,
  isoDateFromDays,
  isoFromTimestampMicros,
  timestampMicrosFromIso
} from './timestamps';

describe('timestamps', () => {
  test('timestamp round trip: ISO text with microseconds round-trips through timestampMicrosFromIso and isoFromTimestampMicros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -62_135_596_800_000_000n, max: 253_402_300_799_999_999n }), (micros) => {
        expect(timestampMicrosFromIso(isoFromTimestampMicros(micros))).toBe(micros);
      }),
      { numRuns: 300 }
    );
  });

  test('date agreement: the same instant as Date.parse, at millisecond precision, for any offset', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2200-01-01T00:00:00Z'),
          noInvalidDate: true
        }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, offsetMinutes) => {
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, -1);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          expect(timestampMicrosFromIso(`${local}${offset}`)).toBe(BigInt(date.getTime()) * 1000n);
        }
      ),
      { numRuns: 300 }
    );
  });

  test('no offset means UTC; extra fraction digits are truncated; impossible dates are refused', () => {
    expect(timestampMicrosFromIso('2024-01-15T10:20:00')).toBe(
      timestampMicrosFromIso('2024-01-15T10:20:00Z')
    );
    expect(timestampMicrosFromIso('1970-01-01T00:00:00.0000019Z')).toBe(1n);
    expect(() => timestampMicrosFromIso('2024-02-30T00:00:00Z')).toThrow(RangeError);
    expect(() => timestampMicrosFromIso('yesterday')).toThrow(RangeError);
  });

  test('date round trip: any day in years 1–9999 round-trips through isoDateFromDays and daysFromIsoDate', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (days) => {
        expect(daysFromIsoDate(isoDateFromDays(days))).toBe(days);
      }),
      { numRuns: 300 }
    );
  });

  test('dates: days since 1970-01-01, and anything but a real YYYY-MM-DD date is a RangeError', () => {
    expect(daysFromIsoDate('1970-01-01')).toBe(0);
    expect(daysFromIsoDate('1969-12-31')).toBe(-1);
    expect(daysFromIsoDate('2024-02-29')).toBe(19_782);
    expect(isoDateFromDays(19_782)).toBe('2024-02-29');
    expect(() => daysFromIsoDate('2023-02-29')).toThrow('not a real date: "2023-02-29"');
    expect(() => daysFromIsoDate('2024-1-5')).toThrow('not a YYYY-MM-DD date');
  });
});
