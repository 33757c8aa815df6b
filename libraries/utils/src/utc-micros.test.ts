import fc from 'fast-check';
import { microsToIso, toUtcMicros } from './utc-micros';

describe('toUtcMicros', () => {
  it.each([
    ['2024-01-15T10:20:00Z', 1705314000000000n],
    ['2024-01-15T10:20:00', 1705314000000000n],
    ['2024-01-15T15:50:00+05:30', 1705314000000000n],
    ['2024-01-15T02:20:00-0800', 1705314000000000n],
    ['2024-01-15 10:20:00.123456789z', 1705314000123456n],
    ['1969-12-31T23:59:59.5Z', -500000n]
  ])('%s → %s', (text, micros) => {
    expect(toUtcMicros(text)).toBe(micros);
  });

  it.each(['2024-01-15', 'not a date', '2024-01-15T10:20Z'])('rejects %p with a message', (text) => {
    expect(() => toUtcMicros(text)).toThrow(`not an ISO 8601 date-time: ${JSON.stringify(text)}`);
  });

  it('offset normalisation: the same instant written with any offset maps to the same UTC micros', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1971-01-01Z'), max: new Date('2099-01-01Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 999 }),
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        (date, extraMicros, offsetMinutes) => {
          const utc = BigInt(date.getTime()) * 1000n + BigInt(extraMicros);
          const local = new Date(date.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const sign = offsetMinutes < 0 ? '-' : '+';
          const abs = Math.abs(offsetMinutes);
          const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const text = `${local}${String(extraMicros).padStart(3, '0')}${offset}`;
          expect(toUtcMicros(text)).toBe(utc);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('round trip: microsToIso output parses back to the same micros', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 15n), max: 4n * 10n ** 15n }), (micros) => {
        expect(toUtcMicros(microsToIso(micros))).toBe(micros);
      }),
      { numRuns: 200 }
    );
  });
});
