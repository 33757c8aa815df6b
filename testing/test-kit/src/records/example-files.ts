import fc from 'fast-check';
import type { Validator } from '@reporting/schemas';
import type { SampleFile } from '../samples/sample-files';
import { recordArbitrary, type RecordSchema } from './record-arbitrary';

/** A record schema as `@reporting/schemas` exports it (`<camel>Schema`). */
export interface ExampleSchema extends RecordSchema {
  readonly additionalProperties?: unknown;
  readonly title?: string;
}

/**
 * How records become one file's bytes. The default is one JSON object per file; a lambda reading
 * other input formats (JSON array, NDJSON, CSV) passes its own writer.
 */
export type FileWriter<T> = (record: Readonly<T>) => { body: Buffer; extension: string };

export const oneJsonObjectPerFile: FileWriter<unknown> = (record) => ({
  body: Buffer.from(JSON.stringify(record)),
  extension: 'json'
});

export interface ExampleFilesOptions<T> {
  schema: ExampleSchema;
  /** The schema's example (`<CONSTANT>_EXAMPLE`): every valid file is a variant of it. */
  example: Readonly<T>;
  validate: Validator<T>;
  prefix: string;
  valid: number;
  invalid?: number;
  seed?: number;
  /** The properties valid files vary (default: every property an arbitrary is derived for). */
  vary?: readonly string[];
  /**
   * At most `count` different combinations of these properties' values (e.g. a table's key
   * placeholders, so that the files land in a few checkpoints): the example's, then those of the
   * first valid variants.
   */
  keys?: { properties: readonly string[]; count: number };
  write?: FileWriter<T>;
}

/** A way producers get a file wrong that any schema refuses, and how its reason starts. */
interface InvalidKind<T> {
  name: string;
  applies: (schema: ExampleSchema) => boolean;
  record: (example: Readonly<T>, schema: ExampleSchema) => unknown;
  reason: (schema: ExampleSchema) => string;
}

/** The first required property a validator cannot default (absent means absent). */
const requiredProperty = (schema: ExampleSchema): string | undefined =>
  (schema.required ?? []).find((name) => !('default' in (schema.properties[name] ?? {})));

const typesOf = (schema: ExampleSchema, name: string): string[] =>
  ([] as string[]).concat(schema.properties[name]?.type ?? []);

const EXAMPLE_INVALID_KINDS: InvalidKind<object>[] = [
  {
    name: 'unknown-field',
    applies: (schema) => schema.additionalProperties === false,
    record: (example) => ({ ...example, unexpected_field: true }),
    reason: () => 'unexpected_field: is not an allowed field'
  },
  {
    name: 'missing-required',
    applies: (schema) => requiredProperty(schema) !== undefined,
    record: (example, schema) => {
      const copy: Record<string, unknown> = { ...example };
      delete copy[requiredProperty(schema)!];
      return copy;
    },
    reason: (schema) => `${requiredProperty(schema)}: is required`
  },
  {
    name: 'wrong-type',
    applies: (schema) => requiredProperty(schema) !== undefined,
    record: (example, schema) => {
      const name = requiredProperty(schema)!;
      return { ...example, [name]: typesOf(schema, name).includes('string') ? 12345 : 'not-a-value' };
    },
    reason: (schema) => `${requiredProperty(schema)}: `
  }
];

/**
 * Files made from a schema's example, for any schema: `valid` variants of it (the varied properties
 * take values their schemas allow; only variants the validator accepts are kept) and `invalid` files
 * cycling through kinds every schema refuses (not JSON, an unknown field, a required property missing
 * or of the wrong type), each with how its reason starts. Shuffled, reproducible from the seed.
 */
export function exampleFiles<T extends object>(options: ExampleFilesOptions<T>): SampleFile<T>[] {
  const { schema, example, validate, prefix } = options;
  const write = (options.write ?? oneJsonObjectPerFile) as FileWriter<T>;
  const seed = options.seed ?? 42;
  const files: SampleFile<T>[] = [];
  const arbitrary = recordArbitrary(schema, example, options.vary);
  const keys = options.keys;
  const pick = (record: Readonly<T>): Partial<T> =>
    Object.fromEntries(keys!.properties.map((name) => [name, record[name as keyof T]])) as Partial<T>;
  const combinations = keys ? [pick(example)] : [];
  for (let attempt = 0; files.length < options.valid; attempt++) {
    if (attempt > 100 * options.valid + 100) {
      throw new Error(
        `exampleFiles: too few variants of the example are valid (${files.length} of ${attempt})`
      );
    }
    let [record] = fc.sample(arbitrary, { seed: seed + attempt, numRuns: 1 });
    if (keys && combinations.length < keys.count && validate(record).valid) combinations.push(pick(record));
    if (keys) record = { ...record, ...combinations[files.length % combinations.length] };
    if (!validate(record).valid) continue;
    const { body, extension } = write(record);
    files.push({
      key: `${prefix}records/record-${files.length}.${extension}`,
      body,
      expect: 'valid',
      event: record
    });
  }
  const kinds: { name: string; body: Buffer; reason: string }[] = [
    {
      name: 'not-json',
      body: Buffer.from(JSON.stringify(example).slice(0, 20)),
      reason: 'file is not valid JSON'
    },
    ...EXAMPLE_INVALID_KINDS.filter((kind) => kind.applies(schema)).map((kind) => ({
      name: kind.name,
      body: write(kind.record(example, schema) as T).body,
      reason: kind.reason(schema)
    }))
  ];
  for (let i = 0; i < (options.invalid ?? 0); i++) {
    const kind = kinds[i % kinds.length];
    files.push({
      key: `${prefix}broken/${kind.name}-${i}.${write(example).extension}`,
      body: kind.body,
      expect: 'invalid',
      reason: kind.reason
    });
  }
  return fc.sample(fc.shuffledSubarray(files, { minLength: files.length }), { seed, numRuns: 1 })[0];
}
