import fc from 'fast-check';
import { validateVisitEvent, VISIT_EVENT_ACTIONS, VISIT_EVENT_DATATYPES, type VisitEvent } from './index';

const nonEmptyText = fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim() === s && s.length > 0);
const calendarDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const offset = fc.constantFrom('Z', '', '+05:30', '-08:00', '+0100');
const timestamp = fc
  .tuple(
    fc.date({
      min: new Date('1990-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true
    }),
    offset
  )
  .map(([d, tz]) => d.toISOString().slice(0, 19) + tz);
const ptid = fc.string({
  unit: fc.constantFrom(...'!#%&()*+-./0123456789:;<=>?@ABCXYZ[]^_`abcxyz{|}~'),
  minLength: 1,
  maxLength: 10
});

/** Valid visit events, generated from the schema's rules (not from examples). */
const validEvent: fc.Arbitrary<VisitEvent> = fc
  .record({
    action: fc.constantFrom(...VISIT_EVENT_ACTIONS),
    study: nonEmptyText,
    pipeline_adcid: fc.integer({ min: 0, max: 2147483647 }),
    project_label: nonEmptyText,
    center_label: nonEmptyText,
    gear_name: nonEmptyText,
    ptid,
    visit_date: calendarDate,
    visit_number: fc.option(fc.stringMatching(/^[0-9]{1,3}$/), { nil: null }),
    datatype: fc.constantFrom(...VISIT_EVENT_DATATYPES),
    module: nonEmptyText,
    packet: fc.option(fc.constantFrom('I', 'F', 'IT'), { nil: null }),
    timestamp
  })
  .map((event) => ({ ...event, module: event.datatype === 'form' ? event.module : null }));

/** One-field mutations, each breaking exactly one rule of the named field. */
const mutations: [string, (e: VisitEvent) => Record<string, unknown>][] = [
  ['action', (e) => ({ ...e, action: e.action.toUpperCase() })],
  ['pipeline_adcid', (e) => ({ ...e, pipeline_adcid: e.pipeline_adcid + 0.5 })],
  ['ptid', (e) => ({ ...e, ptid: `${e.ptid} x` })],
  ['visit_date', (e) => ({ ...e, visit_date: `${e.visit_date.slice(0, 5)}02-30` })],
  ['timestamp', (e) => ({ ...e, timestamp: e.timestamp.slice(0, 10) })],
  ['datatype', (e) => ({ ...e, datatype: `${e.datatype}-x` })],
  ['module', (e) => ({ ...e, module: e.datatype === 'form' ? null : 'UDS' })],
  ['center_label', (e) => ({ ...e, center_label: '' })],
  ['unknown_field', (e) => ({ ...e, unknown_field: 1 })]
];

describe('visit-event properties', () => {
  it('valid events: every event built from the schema rules validates and round-trips unchanged', () => {
    fc.assert(
      fc.property(validEvent, (event) => {
        const input = JSON.parse(JSON.stringify(event));
        const result = validateVisitEvent(input);
        expect(result).toEqual({ valid: true, value: event });
        expect(input).toEqual(event);
      }),
      { numRuns: 300 }
    );
  });

  it('precise rejection: a one-field mutation that breaks a rule is rejected with a message naming that field', () => {
    fc.assert(
      fc.property(validEvent, fc.constantFrom(...mutations), (event, [field, mutate]) => {
        const result = validateVisitEvent(mutate(event));
        expect(result.valid).toBe(false);
        if (!result.valid) {
          // A mutation may trip a dependent rule too (a datatype change also breaks the module rule).
          expect(result.errors.some((message) => message.startsWith(`${field}: `))).toBe(true);
        }
      }),
      { numRuns: 300 }
    );
  });
});
