import {
  LAB_RESULT_EXAMPLE,
  labResultSchema,
  validateLabResult,
  VISIT_EVENT_EXAMPLE,
  validateVisitEvent,
  visitEventSchema,
  type LabResult
} from '@reporting/schemas';
import type { SampleFile } from '../samples/sample-files';
import { exampleFiles, type ExampleFilesOptions } from './example-files';
import { RECORD_FILE_FORMATS } from './record-file-writer';

const KEYS = ['adcid', 'assay'];
const labFiles = (options: Partial<ExampleFilesOptions<LabResult>> = {}): SampleFile<LabResult>[] =>
  exampleFiles({
    schema: labResultSchema,
    example: LAB_RESULT_EXAMPLE,
    validate: validateLabResult,
    prefix: 'in/',
    valid: 8,
    invalid: 8,
    seed: 7,
    keys: { properties: KEYS, count: 2 },
    formats: RECORD_FILE_FORMATS,
    ...options
  });

/** A valid file's records read back from its bytes (CSV: the count of its rows, enough here). */
function recordsIn(file: SampleFile<LabResult>): unknown[] {
  const text = file.body.toString('utf8');
  if (file.format === 'json') return [JSON.parse(text)];
  if (file.format === 'json-array') return JSON.parse(text) as unknown[];
  if (file.format === 'ndjson')
    return text
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
  return text.trimEnd().split('\n').slice(1);
}

describe('exampleFiles', () => {
  it('writes one JSON object per file by default, the record as `event` and `records`', () => {
    const files = exampleFiles({
      schema: visitEventSchema,
      example: VISIT_EVENT_EXAMPLE,
      validate: validateVisitEvent,
      prefix: 'p/',
      valid: 5,
      invalid: 4
    });
    const valid = files.filter((f) => f.expect === 'valid');
    expect(valid).toHaveLength(5);
    for (const file of valid) {
      expect(file.format).toBe('json');
      expect(file.key).toMatch(/^p\/records\/record-\d+\.json$/);
      expect(JSON.parse(file.body.toString('utf8'))).toEqual(file.event);
      expect(file.records).toEqual([file.event]);
      expect(validateVisitEvent(file.event).valid).toBe(true);
    }
    const invalid = files.filter((f) => f.expect === 'invalid');
    expect(invalid.map((f) => f.reason)).toEqual(
      expect.arrayContaining(['file is not valid JSON', 'action: is required'])
    );
  });

  it('cycles valid files through the formats, several records per file, all of one checkpoint', () => {
    const files = labFiles({ recordsPerFile: 4 });
    const valid = files.filter((f) => f.expect === 'valid');
    expect(valid.map((f) => f.format).sort()).toEqual([
      'csv',
      'csv',
      'json',
      'json',
      'json-array',
      'json-array',
      'ndjson',
      'ndjson'
    ]);
    const combinations = new Set<string>();
    for (const file of valid) {
      const records = file.records!;
      expect(records).toHaveLength(file.format === 'json' ? 1 : 4);
      expect(file.event).toEqual(file.format === 'json' ? records[0] : undefined);
      expect(recordsIn(file)).toHaveLength(records.length);
      if (file.format !== 'csv') expect(recordsIn(file)).toEqual(records);
      expect(records.every((r) => validateLabResult(r).valid)).toBe(true);
      const keys = new Set(records.map((r) => `${r.adcid}/${r.assay}`));
      expect(keys.size).toBe(1);
      combinations.add([...keys][0]);
      expect(file.key).toMatch(
        file.format === 'ndjson' ? /\.ndjson$/ : file.format === 'csv' ? /\.csv$/ : /\.json$/
      );
    }
    expect(combinations.size).toBeLessThanOrEqual(2);
    expect(combinations).toContain(`${LAB_RESULT_EXAMPLE.adcid}/${LAB_RESULT_EXAMPLE.assay}`);
  });

  it("breaks a file of each format, the reason naming the invalid record's position", () => {
    const invalid = labFiles().filter((f) => f.expect === 'invalid');
    const byFormat = (format: string) => invalid.filter((f) => f.format === format).map((f) => f.reason);
    expect(byFormat('json').sort()).toEqual([
      'file is not valid JSON',
      'unexpected_field: is not an allowed field'
    ]);
    expect(byFormat('json-array').sort()).toEqual([
      'record 2 (index 1): adcid: is required',
      'record 2 (index 1): unexpected_field: is not an allowed field'
    ]);
    expect(byFormat('ndjson').sort()).toEqual([
      'line 2: not valid JSON',
      'line 2: unexpected_field: is not an allowed field'
    ]);
    // In CSV an unknown field is a header problem (no position): not one of its kinds.
    expect(byFormat('csv').sort()).toEqual([
      'line 3 (record 2): adcid: ',
      'line 3 (record 2): adcid: is required'
    ]);
    expect(invalid.every((f) => f.key.startsWith('in/broken/'))).toBe(true);
  });

  it('is reproducible from its seed', () => {
    expect(labFiles()).toEqual(labFiles());
    expect(labFiles().map((f) => f.key)).not.toEqual(labFiles({ seed: 8 }).map((f) => f.key));
  });

  it('refuses files of several records without keys (they could not route to one checkpoint)', () => {
    expect(() => labFiles({ keys: undefined })).toThrow('files of several records need `keys`');
  });
});
