import * as fc from 'fast-check';

import { checkpointRowFromEvent, isoFromTimestampMicros, timestampMicrosFromIso } from './timestamps';

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

  test('a visit event becomes a checkpoint row with study defaulted and optionals null', () => {
    const row = checkpointRowFromEvent({
      action: 'submit',
      pipeline_adcid: 44,
      project_label: 'ingest-form',
      center_label: 'beta',
      gear_name: 'form-scheduler',
      ptid: '110003',
      visit_date: '2024-01-15',
      datatype: 'form',
      module: 'UDS',
      timestamp: '2024-01-15T10:20:00.123456+01:00'
    });
    expect(row).toEqual({
      action: 'submit',
      study: 'adrc',
      pipeline_adcid: 44,
      project_label: 'ingest-form',
      center_label: 'beta',
      gear_name: 'form-scheduler',
      ptid: '110003',
      visit_date: '2024-01-15',
      visit_number: null,
      datatype: 'form',
      module: 'UDS',
      packet: null,
      timestamp: 1_705_310_400_123_456n
    });
  });
});
