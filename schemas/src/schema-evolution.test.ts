import { checkEvolution, findBreakingChanges, howToShip, majorOf } from '../scripts/tools/compatibility';
import { visitEventSchema } from './index';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const released = (): Schema => JSON.parse(JSON.stringify(visitEventSchema));
const snapshots = (schema: Schema): Map<number, object> => new Map([[1, schema]]);

function edited(edit: (schema: Schema) => void): Schema {
  const schema = released();
  edit(schema);
  return schema;
}

/** The one line the build prints for a breaking finding of visit-event within major version 1. */
const breakingLine = (finding: string): string =>
  `visit-event: ${finding} — breaking within major version 1 (released: snapshots/visit-event.v1.json); ` +
  'make it compatible, or bump x-version to 2.0.0: a new major version is a new table (its checkpoints live ' +
  'under a new table path, e.g. .../v2/...), record its snapshot with node scripts/snapshot.js visit-event';

describe('schema evolution check', () => {
  it('passes the unchanged schema', () => {
    expect(checkEvolution('visit-event', released(), snapshots(released()))).toEqual([]);
  });

  it('passes compatible edits: new optional field, wider enum, wider type, null added, relaxed bounds', () => {
    const schema = edited((s) => {
      s.properties.site_note = { type: ['string', 'null'] };
      s.properties.action.enum.push('archive');
      s.properties.visit_number.type = ['string', 'null', 'integer'];
      s.properties.gear_name.type = ['string', 'null'];
      s.properties.study.minLength = 0;
      s.allOf[0].then['x-error'] = { required: 'a form needs its module' }; // wording only
      s['x-version'] = '1.1.0';
    });
    expect(checkEvolution('visit-event', schema, snapshots(released()))).toEqual([]);
  });

  it('names the schema, the property path, the rule and how to ship a breaking change, one line each', () => {
    const problems = checkEvolution(
      'visit-event',
      edited((s) => s.required.push('module')),
      snapshots(released())
    );
    expect(problems).toEqual([breakingLine('module: new required field (rule: no new required field)')]);
    expect(howToShip('lab-result', 3)).toContain('bump x-version to 4.0.0');
    expect(problems.every((line) => !line.includes('\n'))).toBe(true);
  });

  it.each([
    [
      'field removed',
      (s: Schema) => delete s.properties.packet,
      'packet: field removed (rule: a field is never removed)'
    ],
    [
      'type narrowed',
      (s: Schema) => (s.properties.packet.type = 'string'),
      'packet: type narrowed (no longer accepts null) (rule: a type may only widen)'
    ],
    [
      'enum narrowed',
      (s: Schema) => (s.properties.action.enum = ['submit']),
      'action: enum narrowed (removed "pass-qc", "not-pass-qc", "delete") (rule: an enum may only grow)'
    ],
    [
      'pattern tightened',
      (s: Schema) => (s.properties.ptid.pattern = '^[0-9]{1,10}$'),
      'ptid: pattern tightened or changed ("^[!-~]{1,10}$" → "^[0-9]{1,10}$") (rule: no new or changed pattern)'
    ],
    [
      'format added',
      (s: Schema) => (s.properties.gear_name.format = 'uri'),
      'gear_name: format added or changed (null → "uri") (rule: no new or changed format)'
    ],
    [
      'conditional rule changed',
      (s: Schema) => s.allOf.pop(),
      '(root): conditional rule "allOf" changed (rule: conditional rules never change)'
    ]
  ])('fails on %s with a message naming it', (_kind, edit, finding) => {
    expect(checkEvolution('visit-event', edited(edit), snapshots(released()))).toEqual([
      breakingLine(finding)
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

  it('requires a semver x-version', () => {
    expect(() => majorOf('v1')).toThrow('"x-version" must be a semver string like "1.0.0", got "v1"');
  });
});

describe('evolution rules, one each (JSON Schema)', () => {
  const rule = (finding: string): string => finding.replace(/^.*\(rule: (.*)\)$/, '$1');

  it.each([
    ['integer → number widens', { type: 'integer' }, { type: 'number' }],
    ['null added to a type', { type: 'string' }, { type: ['string', 'null'] }],
    ['type removed (any value)', { type: 'string' }, {}],
    ['enum grows', { enum: ['a'] }, { enum: ['a', 'b'] }],
    ['enum removed', { enum: ['a'] }, {}],
    ['const kept', { const: 'a' }, { const: 'a' }],
    ['pattern removed', { pattern: '^a$' }, {}],
    ['minLength relaxed', { minLength: 2 }, { minLength: 1 }],
    ['maxItems relaxed', { maxItems: 2 }, { maxItems: 3 }],
    ['minProperties relaxed', { minProperties: 2 }, { minProperties: 1 }],
    ['maxProperties removed', { maxProperties: 2 }, {}],
    ['minimum relaxed', { minimum: 1 }, { minimum: 0 }],
    ['exclusiveMinimum → minimum of the same value', { exclusiveMinimum: 0 }, { minimum: 0 }],
    ['exclusiveMaximum relaxed', { exclusiveMaximum: 10 }, { exclusiveMaximum: 11 }],
    ['maximum → exclusiveMaximum above it', { maximum: 10 }, { exclusiveMaximum: 10.5 }],
    ['multipleOf becomes a divisor', { multipleOf: 10 }, { multipleOf: 5 }],
    ['multipleOf decimal divisor', { multipleOf: 0.1 }, { multipleOf: 0.01 }],
    ['multipleOf removed', { multipleOf: 3 }, {}],
    ['uniqueItems removed', { uniqueItems: true }, {}],
    ['additionalProperties false → true', { additionalProperties: false }, { additionalProperties: true }],
    ['additionalProperties schema relaxed', { additionalProperties: { type: 'string' } }, {}],
    ['items removed', { items: { type: 'string' } }, {}],
    ['new optional property', { properties: {} }, { properties: { a: { type: 'string' } } }],
    ['required removed', { required: ['a'], properties: { a: {} } }, { properties: { a: {} } }]
  ])('compatible: %s', (_kind, old, next) => {
    expect(findBreakingChanges(old, next)).toEqual([]);
  });

  it.each([
    ['type narrowed', { type: 'number' }, { type: 'integer' }, 'a type may only widen'],
    ['type added', {}, { type: 'string' }, 'a type may only widen'],
    ['enum added', {}, { enum: ['a'] }, 'an enum may only grow'],
    ['const added', {}, { const: 1 }, 'no new or changed const'],
    ['minLength tightened', { minLength: 1 }, { minLength: 2 }, 'bounds may only relax'],
    ['maxLength added', {}, { maxLength: 5 }, 'bounds may only relax'],
    ['minItems tightened', { minItems: 0 }, { minItems: 1 }, 'bounds may only relax'],
    ['minProperties added', {}, { minProperties: 1 }, 'bounds may only relax'],
    ['maxProperties tightened', { maxProperties: 3 }, { maxProperties: 2 }, 'bounds may only relax'],
    ['minimum tightened', { minimum: 0 }, { minimum: 1 }, 'bounds may only relax'],
    [
      'minimum → exclusiveMinimum of the same value',
      { minimum: 0 },
      { exclusiveMinimum: 0 },
      'bounds may only relax'
    ],
    ['exclusiveMinimum added', {}, { exclusiveMinimum: 0 }, 'bounds may only relax'],
    [
      'exclusiveMaximum tightened',
      { exclusiveMaximum: 10 },
      { exclusiveMaximum: 9 },
      'bounds may only relax'
    ],
    [
      'maximum → exclusiveMaximum of the same value',
      { maximum: 10 },
      { exclusiveMaximum: 10 },
      'bounds may only relax'
    ],
    [
      'multipleOf added',
      {},
      { multipleOf: 2 },
      'multipleOf may only be removed or become a divisor of the old one'
    ],
    [
      'multipleOf not a divisor',
      { multipleOf: 4 },
      { multipleOf: 3 },
      'multipleOf may only be removed or become a divisor of the old one'
    ],
    [
      'multipleOf a multiple',
      { multipleOf: 2 },
      { multipleOf: 4 },
      'multipleOf may only be removed or become a divisor of the old one'
    ],
    ['uniqueItems added', {}, { uniqueItems: true }, 'no new uniqueItems'],
    ['unknown fields banned', {}, { additionalProperties: false }, 'unknown fields stay allowed'],
    [
      'schema for unknown fields added',
      {},
      { additionalProperties: { type: 'string' } },
      'a type may only widen'
    ],
    [
      'items added where there were none',
      { type: 'array' },
      { type: 'array', items: { type: 'string' } },
      'a type may only widen'
    ],
    ['not changed', {}, { not: { type: 'null' } }, 'conditional rules never change'],
    ['oneOf changed', { oneOf: [{}] }, { oneOf: [{}, {}] }, 'conditional rules never change']
  ])('breaking: %s', (_kind, old, next, expected) => {
    const findings = findBreakingChanges(old, next);
    expect(findings).toHaveLength(1);
    expect(rule(findings[0])).toBe(expected);
  });

  it('reports nested changes with their path', () => {
    const old = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } },
        extra: { type: 'object', additionalProperties: { type: ['string', 'null'] } }
      }
    };
    const next = {
      type: 'object',
      properties: {
        items: { type: 'array', items: { type: 'object', properties: {} } },
        extra: { type: 'object', additionalProperties: { type: 'string' } }
      }
    };
    expect(findBreakingChanges(old, next)).toEqual([
      'items[].a: field removed (rule: a field is never removed)',
      'extra.*: type narrowed (no longer accepts null) (rule: a type may only widen)'
    ]);
  });

  it('names the bounds it compares', () => {
    expect(findBreakingChanges({ minimum: 0 }, { exclusiveMinimum: 0 })).toEqual([
      '(root): lower bound tightened (minimum 0 → exclusiveMinimum 0) (rule: bounds may only relax)'
    ]);
    expect(findBreakingChanges({}, { maximum: 5 })).toEqual([
      '(root): upper bound tightened (none → maximum 5) (rule: bounds may only relax)'
    ]);
  });
});
