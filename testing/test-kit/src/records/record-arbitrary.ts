import fc from 'fast-check';

/** The part of a JSON Schema property the arbitraries read (draft-07). */
export interface PropertySchema {
  readonly type?: string | readonly string[];
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

/** A record schema: an object with properties. */
export interface RecordSchema {
  readonly properties: Readonly<Record<string, PropertySchema>>;
  readonly required?: readonly string[];
}

const DAY_MS = 86_400_000;
// 1970-01-01 … 2099-12-31: dates and instants every reader (DuckDB, Athena, JavaScript) agrees on.
const FIRST_DAY = 0;
const LAST_DAY = Math.floor(Date.UTC(2099, 11, 31) / DAY_MS);

function integerArbitrary(schema: PropertySchema): fc.Arbitrary<number> {
  const min = Math.max(
    schema.minimum ?? Number.MIN_SAFE_INTEGER,
    schema.exclusiveMinimum === undefined ? Number.MIN_SAFE_INTEGER : Math.floor(schema.exclusiveMinimum) + 1
  );
  const max = Math.min(
    schema.maximum ?? Number.MAX_SAFE_INTEGER,
    schema.exclusiveMaximum === undefined ? Number.MAX_SAFE_INTEGER : Math.ceil(schema.exclusiveMaximum) - 1
  );
  return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
}

function numberArbitrary(schema: PropertySchema): fc.Arbitrary<number> {
  return fc.double({
    noNaN: true,
    noDefaultInfinity: true,
    min: schema.minimum ?? schema.exclusiveMinimum ?? -1e12,
    max: schema.maximum ?? schema.exclusiveMaximum ?? 1e12,
    minExcluded: schema.exclusiveMinimum !== undefined && schema.minimum === undefined,
    maxExcluded: schema.exclusiveMaximum !== undefined && schema.maximum === undefined
  });
}

function stringArbitrary(schema: PropertySchema): fc.Arbitrary<string> | undefined {
  const day = fc.integer({ min: FIRST_DAY, max: LAST_DAY });
  if (schema.format === 'date') return day.map((d) => new Date(d * DAY_MS).toISOString().slice(0, 10));
  if (schema.format === 'date-time' || schema.format === 'iso-date-time') {
    // Whole milliseconds, always with an offset (Z): valid for both formats.
    return fc
      .integer({ min: FIRST_DAY * DAY_MS, max: LAST_DAY * DAY_MS })
      .map((ms) => new Date(ms).toISOString());
  }
  if (schema.format !== undefined) return undefined;
  const lengths = { minLength: schema.minLength ?? 0, maxLength: schema.maxLength ?? 20 };
  // Printable ASCII without spaces: strings are trimmed before validation, and keys stay readable.
  const text = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789-_'), ...lengths });
  if (schema.pattern === undefined) return text;
  // The schema's own pattern (the validator compiles the same one).
  // eslint-disable-next-line @rushstack/security/no-unsafe-regexp
  const pattern = new RegExp(schema.pattern, 'u');
  return fc
    .stringMatching(pattern)
    .filter(
      (s) => s === s.trim() && s.length >= lengths.minLength && s.length <= (schema.maxLength ?? Infinity)
    );
}

/**
 * Values a property's schema allows, by its type, enum, bounds, format and pattern; undefined when
 * the schema asks for more than these read (objects, arrays, unknown formats): keep the example's value.
 */
export function propertyArbitrary(schema: PropertySchema): fc.Arbitrary<unknown> | undefined {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const types = ([] as string[]).concat(schema.type ?? []);
  const nullable = types.includes('null');
  const [type] = types.filter((t) => t !== 'null');
  const value: fc.Arbitrary<unknown> | undefined =
    type === 'integer'
      ? integerArbitrary(schema)
      : type === 'number'
        ? numberArbitrary(schema)
        : type === 'boolean'
          ? fc.boolean()
          : type === 'string'
            ? stringArbitrary(schema)
            : undefined;
  if (value === undefined) return undefined;
  return nullable ? fc.option<unknown, null>(value, { nil: null }) : value;
}

/**
 * Records like the schema's example with the named properties (default: every property an arbitrary
 * can be derived for) replaced by values their schemas allow. Conditionals between properties
 * (`if`/`then`) are not read: a variant may still be invalid, which its validator says.
 */
export function recordArbitrary<T extends object>(
  schema: RecordSchema,
  example: Readonly<T>,
  names: readonly string[] = Object.keys(schema.properties)
): fc.Arbitrary<T> {
  const varied: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) {
    const property = schema.properties[name];
    const arbitrary = property === undefined ? undefined : propertyArbitrary(property);
    if (arbitrary !== undefined) varied[name] = arbitrary;
  }
  return fc.record(varied).map((values) => ({ ...example, ...values }) as T);
}
