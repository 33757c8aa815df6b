import { checkEvolution, findBreakingChanges, majorOf } from '../scripts/tools/compatibility';
import { visitEventSchema } from './index';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const released = (): Schema => JSON.parse(JSON.stringify(visitEventSchema));
const snapshots = (schema: Schema): Map<number, object> => new Map([[1, schema]]);

function edited(edit: (schema: Schema) => void): Schema {
  const schema = released();
  edit(schema);
  return schema;
}

describe('schema evolution check', () => {
  it('passes the unchanged schema', () => {
    expect(checkEvolution('visit-event', released(), snapshots(released()))).toEqual([]);
  });

  it('passes compatible edits: new optional field, wider enum, wider type, relaxed bounds', () => {
    const schema = edited((s) => {
      s.properties.site_note = { type: 'string' };
      s.properties.action.enum.push('archive');
      s.properties.visit_number.type = ['string', 'null', 'integer'];
      s.properties.pipeline_adcid.maximum = 4294967295;
      s.properties.study.minLength = 0;
      s.allOf[0].then['x-error'] = { required: 'a form needs its module' }; // wording only
      s['x-version'] = '1.1.0';
    });
    expect(checkEvolution('visit-event', schema, snapshots(released()))).toEqual([]);
  });

  it.each([
    ['field removed', (s: Schema) => delete s.properties.packet, 'packet: field removed'],
    ['new required field', (s: Schema) => s.required.push('packet'), 'packet: new required field'],
    [
      'type narrowed',
      (s: Schema) => (s.properties.packet.type = 'string'),
      'packet: type narrowed (no longer accepts null)'
    ],
    [
      'enum narrowed',
      (s: Schema) => (s.properties.action.enum = ['submit']),
      'action: enum narrowed (removed "pass-qc", "not-pass-qc", "delete")'
    ],
    [
      'pattern tightened',
      (s: Schema) => (s.properties.ptid.pattern = '^[0-9]{1,10}$'),
      'ptid: pattern tightened or changed ("^[!-~]{1,10}$" → "^[0-9]{1,10}$")'
    ],
    [
      'bound tightened',
      (s: Schema) => (s.properties.pipeline_adcid.maximum = 999),
      'pipeline_adcid: maximum tightened (2147483647 → 999)'
    ],
    [
      'format added',
      (s: Schema) => (s.properties.gear_name.format = 'uri'),
      'gear_name: format added or changed (null → "uri")'
    ],
    ['conditional rule changed', (s: Schema) => s.allOf.pop(), '(root): conditional rule "allOf" changed']
  ])('fails on %s with a message naming it', (_kind, edit, finding) => {
    const problems = checkEvolution('visit-event', edited(edit), snapshots(released()));
    expect(problems).toEqual([
      `visit-event: breaking change not allowed within major version 1: ${finding}. ` +
        'Make the edit compatible, or bump "x-version" to 2.0.0 and record a new snapshot.'
    ]);
  });

  it('accepts a breaking edit once the major version is bumped and a new snapshot recorded', () => {
    const v2 = edited((s) => {
      s.required.push('packet');
      s['x-version'] = '2.0.0';
    });
    expect(checkEvolution('visit-event', v2, snapshots(released()))[0]).toMatch(
      /^visit-event: version 2.0.0 has no snapshot; record it with "node scripts\/snapshot.js visit-event"/
    );
    const recorded = new Map<number, object>([
      [1, released()],
      [2, v2]
    ]);
    expect(checkEvolution('visit-event', v2, recorded)).toEqual([]);
  });

  it('rejects going back below a released major version', () => {
    const recorded = new Map<number, object>([
      [1, released()],
      [2, released()]
    ]);
    expect(checkEvolution('visit-event', released(), recorded)).toEqual([
      `visit-event: version ${visitEventSchema['x-version']} is older than the released major version 2`
    ]);
  });

  it('reports nested changes with their path', () => {
    const old = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } }
      }
    };
    const next = {
      type: 'object',
      properties: { items: { type: 'array', items: { type: 'object', properties: {} } } }
    };
    expect(findBreakingChanges(old, next)).toEqual(['items[].a: field removed']);
  });

  it('requires a semver x-version', () => {
    expect(() => majorOf('v1')).toThrow('"x-version" must be a semver string like "1.0.0", got "v1"');
  });
});
