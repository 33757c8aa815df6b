import fc from 'fast-check';
import type { VisitEvent } from '@reporting/schemas';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import { rowOfEvent } from './testing/visit-rows';

const eventToRow = (event: VisitEvent): Record<string, unknown> => ({ ...rowOfEvent(event) });

describe('event → row of the visit-event table (validated, then mapped by the schema’s table)', () => {
  it('maps the spec example', () => {
    expect(eventToRow(SAMPLE_EVENT)).toEqual({ ...SAMPLE_EVENT, timestamp: 1705314000000000n });
  });

  it('makes optional fields explicit nulls and defaults the study', () => {
    const rest: Partial<typeof SAMPLE_EVENT> = { ...SAMPLE_EVENT };
    delete rest.study;
    delete rest.visit_number;
    delete rest.packet;
    const row = eventToRow({ ...(rest as typeof SAMPLE_EVENT), datatype: 'apoe', module: null });
    expect(row).toMatchObject({ study: 'adrc', visit_number: null, packet: null, module: null });
  });

  it('timestamp normalisation: any offset maps to the same UTC microseconds as the instant it denotes', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01Z'), max: new Date('2090-01-01Z'), noInvalidDate: true }),
        fc.integer({ min: -12 * 60, max: 14 * 60 }),
        (instant, offsetMinutes) => {
          const wall = new Date(instant.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const row = eventToRow({ ...SAMPLE_EVENT, timestamp: wall + offset });
          expect(row.timestamp).toBe(BigInt(instant.getTime()) * 1000n);
        }
      ),
      { numRuns: 200 }
    );
  });
});
