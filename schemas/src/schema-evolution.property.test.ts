import Ajv from 'ajv';
import fc from 'fast-check';

import { findBreakingChanges } from '../scripts/tools/compatibility';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const RUNS = { numRuns: 500 };
// Plain Ajv, strict off: generated schemas combine keywords freely (e.g. bounds without a numeric type).
const ajv = new Ajv({ strict: false });
const accepts = (schema: Schema, value: unknown): boolean => ajv.validate(schema, value) as boolean;

/** A keyword present one time in three: sparse schemas accept enough sample values to tell old from new. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary, weight: 1 });

/** The assertions of one value, over small domains so that old and new often overlap. */
const valueSchema: fc.Arbitrary<Schema> = fc
  .record({
    type: sometimes(fc.subarray(['integer', 'number', 'string', 'null'], { minLength: 1 })),
    enum: sometimes(fc.uniqueArray(fc.constantFrom(0, 1, 2, 2.5, 'a', 'bb', null), { minLength: 1 })),
    minimum: sometimes(fc.integer({ min: -4, max: 4 })),
    maximum: sometimes(fc.integer({ min: -4, max: 4 })),
    exclusiveMinimum: sometimes(fc.integer({ min: -4, max: 4 })),
    exclusiveMaximum: sometimes(fc.integer({ min: -4, max: 4 })),
    multipleOf: sometimes(fc.constantFrom(0.5, 1, 2, 3, 4)),
    minLength: sometimes(fc.integer({ min: 0, max: 3 })),
    maxLength: sometimes(fc.integer({ min: 0, max: 3 }))
  })
  .map((keywords) => Object.fromEntries(Object.entries(keywords).filter(([, value]) => value !== undefined)));

/** An edit of a schema: each keyword kept, dropped, or replaced by another generated value. */
const edited = (old: Schema): fc.Arbitrary<Schema> =>
  valueSchema.chain((other) =>
    fc
      // One choice per keyword (at most the 9 of valueSchema in old and in other).
      .array(fc.constantFrom('keep', 'keep', 'drop', 'replace'), { minLength: 18, maxLength: 18 })
      .map((choices) => {
        const next: Schema = {};
        const keys = [...new Set([...Object.keys(old), ...Object.keys(other)])];
        keys.forEach((key, index) => {
          const choice = choices[index];
          const value = choice === 'keep' ? old[key] : choice === 'replace' ? other[key] : undefined;
          if (value !== undefined) next[key] = value;
        });
        return next;
      })
  );

const values = fc.array(
  fc.oneof(
    fc.integer({ min: -6, max: 6 }),
    fc.constantFrom(-2.5, -0.5, 0.5, 1.5, 2.5, 3.5),
    fc.constantFrom('', 'a', 'bb', 'ccc', 'dddd', null)
  ),
  { minLength: 1, maxLength: 30 }
);

/** Objects of two declared fields; values only use declared fields (the convention for new optional ones). */
const objectSchema: fc.Arbitrary<Schema> = fc.record(
  {
    type: fc.constant('object'),
    properties: fc.record({ a: valueSchema, b: valueSchema }, { requiredKeys: [] }),
    required: fc.subarray(['a', 'b']),
    additionalProperties: fc.boolean()
  },
  { requiredKeys: ['type'] }
);
/** An edit of an object schema: each field edited (or added), required and additionalProperties redrawn. */
const editedObject = (old: Schema): fc.Arbitrary<Schema> =>
  fc
    .record({
      a: old.properties?.a === undefined ? valueSchema : edited(old.properties.a),
      b: old.properties?.b === undefined ? valueSchema : edited(old.properties.b),
      fields: fc.subarray(['a', 'b']),
      required: fc.subarray(['a', 'b']),
      additionalProperties: fc.option(fc.boolean(), { nil: undefined })
    })
    .map(({ a, b, fields, required, additionalProperties }) => ({
      type: 'object',
      properties: Object.fromEntries(
        Object.entries({ a, b }).filter(([name]) => fields.includes(name) || name in (old.properties ?? {}))
      ),
      required,
      ...(additionalProperties === undefined ? {} : { additionalProperties })
    }));
const objects = fc.array(
  fc.record(
    { a: fc.constantFrom(0, 1, 2.5, 'a', null), b: fc.constantFrom(-1, 3, 'bb', null) },
    { requiredKeys: [] }
  ),
  { minLength: 1, maxLength: 20 }
);

describe('schema evolution properties', () => {
  it('value rules: when the check finds no breaking change, every value the old schema accepted is still accepted', () => {
    fc.assert(
      fc.property(
        valueSchema.chain((old) => fc.tuple(fc.constant(old), edited(old))),
        values,
        ([old, next], sample) => {
          if (findBreakingChanges(old, next).length > 0) return;
          for (const value of sample) {
            if (accepts(old, value)) expect([value, accepts(next, value)]).toEqual([value, true]);
          }
        }
      ),
      RUNS
    );
  });

  it('field rules: when the check finds no breaking change, every object of declared fields stays accepted', () => {
    fc.assert(
      fc.property(
        objectSchema.chain((old) => fc.tuple(fc.constant(old), editedObject(old))),
        objects,
        ([old, next], sample) => {
          if (findBreakingChanges(old, next).length > 0) return;
          // A new optional field is compatible by convention: producers do not send undeclared fields.
          const declared = Object.keys(old.properties ?? {});
          for (const value of sample.map((o) =>
            Object.fromEntries(Object.entries(o).filter(([key]) => declared.includes(key)))
          )) {
            if (accepts(old, value)) expect([value, accepts(next, value)]).toEqual([value, true]);
          }
        }
      ),
      RUNS
    );
  });

  it('compatible with itself: no schema breaks itself, with or without null added to its type', () => {
    fc.assert(
      fc.property(valueSchema, (schema) => {
        expect(findBreakingChanges(schema, schema)).toEqual([]);
        const types = [].concat(schema.type ?? []);
        if (types.length > 0) {
          expect(findBreakingChanges(schema, { ...schema, type: [...types, 'null'] })).toEqual([]);
        }
      }),
      RUNS
    );
  });
});
