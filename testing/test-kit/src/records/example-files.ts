import fc from 'fast-check';
import type { Validator } from '@reporting/schemas';
import type { SampleFile } from '../samples/sample-files';
import { recordArbitrary, type RecordSchema } from './record-arbitrary';
import { csvCanHold, recordPosition, writeRecordFile, type RecordFileFormat } from './record-file-writer';

/** A record schema as `@reporting/schemas` exports it (`<camel>Schema`). */
export interface ExampleSchema extends RecordSchema {
  readonly additionalProperties?: unknown;
  readonly title?: string;
}

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
  /**
   * The formats of the files, in turn (default: one JSON object per file). A file of several records
   * (JSON array, NDJSON, CSV) needs `keys`: all its records take one combination, so they route to one
   * checkpoint, as a lambda requires.
   */
  formats?: readonly RecordFileFormat[];
  /** How many records a valid file of several records holds (default 3). */
  recordsPerFile?: number;
}

/** A way producers get a file wrong that any schema refuses, and how its reason starts. */
interface InvalidKind<T> {
  name: string;
  /** Whether a record of this kind is invalid for the schema when written in the format. */
  applies: (schema: ExampleSchema, format: RecordFileFormat) => boolean;
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
    // In CSV an unknown field is a column of the header, refused as such: no record position.
    applies: (schema, format) => schema.additionalProperties === false && format !== 'csv',
    record: (example) => ({ ...example, unexpected_field: true }),
    reason: () => 'unexpected_field: is not an allowed field'
  },
  {
    name: 'missing-required',
    // An empty CSV cell of a nullable property reads as null, not absent.
    applies: (schema, format) =>
      requiredProperty(schema) !== undefined &&
      (format !== 'csv' || !typesOf(schema, requiredProperty(schema)!).includes('null')),
    record: (example, schema) => {
      const copy: Record<string, unknown> = { ...example };
      delete copy[requiredProperty(schema)!];
      return copy;
    },
    reason: (schema) => `${requiredProperty(schema)}: is required`
  },
  {
    name: 'wrong-type',
    // A CSV cell of a text column is text whatever it holds.
    applies: (schema, format) =>
      requiredProperty(schema) !== undefined &&
      (format !== 'csv' || !typesOf(schema, requiredProperty(schema)!).includes('string')),
    record: (example, schema) => {
      const name = requiredProperty(schema)!;
      return { ...example, [name]: typesOf(schema, name).includes('string') ? 12345 : 'not-a-value' };
    },
    reason: (schema) => `${requiredProperty(schema)}: `
  }
];

/** How one file of each format is broken: its bytes and how its quarantine reason starts. */
interface InvalidFile {
  name: string;
  body: Buffer;
  reason: string;
}

/**
 * The invalid files of a format. One JSON object: not JSON, or an invalid record. Several records: the
 * example, an invalid record, the example again, the reason naming the invalid record's position
 * (`record 2 (index 1): …`, `line 2: …`, `line 3 (record 2): …`); in NDJSON also a line that is not JSON.
 */
function invalidFiles<T extends object>(
  schema: ExampleSchema,
  example: Readonly<T>,
  format: RecordFileFormat
): InvalidFile[] {
  const kinds = EXAMPLE_INVALID_KINDS.filter((kind) => kind.applies(schema, format));
  if (format === 'json') {
    return [
      {
        name: 'not-json',
        body: Buffer.from(JSON.stringify(example).slice(0, 20)),
        reason: 'file is not valid JSON'
      },
      ...kinds.map((kind) => ({
        name: kind.name,
        body: writeRecordFile(format, [kind.record(example, schema) as object], schema).body,
        reason: kind.reason(schema)
      }))
    ];
  }
  const position = recordPosition(format, 1);
  const line = JSON.stringify(example);
  return [
    ...(format === 'ndjson'
      ? [
          {
            name: 'not-json-line',
            body: Buffer.from(`${line}\n${line.slice(0, 20)}\n${line}\n`),
            reason: `${position}: not valid JSON`
          }
        ]
      : []),
    ...kinds.map((kind) => ({
      name: kind.name,
      body: writeRecordFile(format, [example, kind.record(example, schema) as object, example], schema).body,
      reason: `${position}: ${kind.reason(schema)}`
    }))
  ];
}

/**
 * Files made from a schema's example, for any schema: `valid` files of variants of it (the varied
 * properties take values their schemas allow; only variants the validator accepts, and CSV holds
 * exactly, are kept) and `invalid` files cycling through the formats and, per format, through kinds
 * every schema refuses (not JSON, an unknown field, a required property missing or of the wrong type),
 * each with how its reason starts. Shuffled, reproducible from the seed.
 */
export function exampleFiles<T extends object>(options: ExampleFilesOptions<T>): SampleFile<T>[] {
  const { schema, example, validate, prefix, keys } = options;
  const formats = options.formats ?? ['json'];
  const perFile = options.recordsPerFile ?? 3;
  if (keys === undefined && formats.some((format) => format !== 'json')) {
    throw new Error(
      'exampleFiles: files of several records need `keys`, so that they route to one checkpoint'
    );
  }
  const seed = options.seed ?? 42;
  const files: SampleFile<T>[] = [];
  const arbitrary = recordArbitrary(schema, example, options.vary);
  const pick = (record: Readonly<T>): Partial<T> =>
    Object.fromEntries(keys!.properties.map((name) => [name, record[name as keyof T]])) as Partial<T>;
  const combinations = keys ? [pick(example)] : [];
  let attempt = 0;
  /** The next valid variant for the file being made: of its key combination, once one is chosen. */
  const nextRecord = (format: RecordFileFormat, combination: Partial<T> | undefined): T => {
    for (; ; attempt++) {
      if (attempt > 100 * options.valid * perFile + 100) {
        throw new Error(`exampleFiles: too few variants of the example are valid (${files.length} files)`);
      }
      let [record] = fc.sample(arbitrary, { seed: seed + attempt, numRuns: 1 });
      if (keys && combinations.length < keys.count && validate(record).valid) combinations.push(pick(record));
      if (keys) record = { ...record, ...(combination ?? combinations[files.length % combinations.length]) };
      if (validate(record).valid && (format !== 'csv' || csvCanHold(record))) {
        attempt++;
        return record;
      }
    }
  };
  while (files.length < options.valid) {
    const format = formats[files.length % formats.length];
    const records = [nextRecord(format, undefined)];
    const combination = keys ? pick(records[0]) : undefined;
    const count = format === 'json' ? 1 : perFile;
    while (records.length < count) records.push(nextRecord(format, combination));
    const { body, extension } = writeRecordFile(format, records, schema);
    files.push({
      key: `${prefix}records/record-${files.length}.${extension}`,
      body,
      expect: 'valid',
      format,
      records,
      ...(records.length === 1 ? { event: records[0] } : {})
    });
  }
  // Formats in which the schema can be broken (JSON and NDJSON always can: text that is not JSON).
  const broken = formats
    .map((format) => ({ format, kinds: invalidFiles(schema, example, format) }))
    .filter(({ kinds }) => kinds.length > 0);
  for (let i = 0; i < (options.invalid ?? 0); i++) {
    const { format, kinds } = broken[i % broken.length];
    const kind = kinds[Math.floor(i / broken.length) % kinds.length];
    const suffix = format === 'json' ? '' : `-${format}`;
    files.push({
      key: `${prefix}broken/${kind.name}-${i}${suffix}.${writeRecordFile(format, [example], schema).extension}`,
      body: kind.body,
      expect: 'invalid',
      format,
      reason: kind.reason
    });
  }
  return fc.sample(fc.shuffledSubarray(files, { minLength: files.length }), { seed, numRuns: 1 })[0];
}
