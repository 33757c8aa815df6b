import { stringify } from 'csv-stringify/sync';

/**
 * How a file holds its records, as a reporting lambda reads them (`recordLambda`'s `format`; the
 * lambda runtime's README, "Input formats"): one JSON object, a JSON array, NDJSON, or CSV with a header.
 */
export const RECORD_FILE_FORMATS = ['json', 'json-array', 'ndjson', 'csv'] as const;
export type RecordFileFormat = (typeof RECORD_FILE_FORMATS)[number];

/** A file's bytes and the extension a lambda reading `by-extension` recognises its format by. */
export interface RecordFile {
  body: Buffer;
  extension: string;
}

/** The part of a record's JSON Schema the writer reads: its properties, in order (the CSV header). */
export interface WrittenSchema {
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface CsvOptions {
  lineEnding?: 'unix' | 'windows';
  bom?: boolean;
}

const EXTENSIONS: Readonly<Record<RecordFileFormat, string>> = {
  json: 'json',
  'json-array': 'json',
  ndjson: 'ndjson',
  csv: 'csv'
};

/**
 * A value as the lambda's CSV coercion reads it back: text as written, numbers and booleans in their
 * JSON spelling, objects and arrays as JSON text, null and absent as an empty cell. A blank string is
 * written as it is, and reads back as null or absent, like an empty cell ({@link csvCanHold}).
 */
function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Whether CSV holds this record exactly: none of its values is a blank string (read back as null). */
export const csvCanHold = (record: object): boolean =>
  Object.values(record).every((value) => typeof value !== 'string' || value.trim() !== '');

/** Records as CSV (RFC 4180 quoting by csv-stringify) under a header row of `columns`. */
export function recordsCsv(
  records: readonly object[],
  columns: readonly string[],
  options: CsvOptions = {}
): string {
  const rows = records.map((record) =>
    columns.map((name) => csvCell((record as Record<string, unknown>)[name]))
  );
  return stringify([[...columns], ...rows], {
    record_delimiter: options.lineEnding ?? 'unix',
    bom: options.bom ?? false,
    // Any line break, not only the file's own line ending, as spreadsheets and Python's csv module do.
    quoted_match: /[\r\n]/
  });
}

export const recordsNdjson = (records: readonly unknown[]): string =>
  records.map((record) => `${JSON.stringify(record)}\n`).join('');

export const recordsJsonArray = (records: readonly unknown[]): string => JSON.stringify(records, null, 1);

/**
 * The CSV header of records of a schema: its properties in order, then any other field a record has
 * (a producer's unknown column, which the lambda refuses in the header).
 */
function csvColumns(records: readonly object[], schema: WrittenSchema): string[] {
  const columns = new Set(Object.keys(schema.properties));
  for (const record of records) Object.keys(record).forEach((name) => columns.add(name));
  return [...columns];
}

/** One file of `records` in `format` (`json` holds exactly one record). */
export function writeRecordFile(
  format: RecordFileFormat,
  records: readonly object[],
  schema: WrittenSchema
): RecordFile {
  const text = (): string => {
    switch (format) {
      case 'json':
        if (records.length !== 1) throw new Error(`a json file holds one record, not ${records.length}`);
        return JSON.stringify(records[0]);
      case 'json-array':
        return recordsJsonArray(records);
      case 'ndjson':
        return recordsNdjson(records);
      case 'csv':
        return recordsCsv(records, csvColumns(records, schema));
    }
  };
  return { body: Buffer.from(text(), 'utf8'), extension: EXTENSIONS[format] };
}

/**
 * Where the lambda says the record at `index` of a file {@link writeRecordFile} wrote is, as its
 * quarantine reasons start: `record 2 (index 1)`, `line 2` (NDJSON), `line 3 (record 2)` (CSV, after
 * the header). Lines assume no CSV cell before it holds a line break. A `json` file has no positions.
 */
export function recordPosition(format: Exclude<RecordFileFormat, 'json'>, index: number): string {
  switch (format) {
    case 'json-array':
      return `record ${index + 1} (index ${index})`;
    case 'ndjson':
      return `line ${index + 1}`;
    case 'csv':
      return `line ${index + 2} (record ${index + 1})`;
  }
}
