import {
  LAB_RESULT_EXAMPLE,
  labResultSchema,
  labResultTable,
  validateLabResult,
  type LabResult
} from '@reporting/schemas';
import { labResultsCsv, labResultsJsonArray, labResultsNdjson } from './testing/lab-result-files';
import { ConfigurationError } from '@reporting/utils';
import { createObservability } from './observability';
import { recordLambda } from './record-lambda';
import type { LambdaConfig } from './config';

const TEMPLATE = 'tables/lab-result/{adcid}/{assay}/results.parquet';
const config = (checkpointKeyTemplate: string): LambdaConfig => ({ checkpointKeyTemplate }) as LambdaConfig;
const context = {
  object: { bucket: 'in', key: 'labs/a.json', eTag: '"e"' },
  logger: createObservability({ serviceName: 'test', logLevel: 'SILENT' }).logger
};
const file = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));
const named = (key: string) => ({ ...context, object: { ...context.object, key } });

describe('recordLambda: a lambda declared by its table', () => {
  const labs = recordLambda<LabResult>({
    table: labResultTable,
    validate: validateLabResult,
    filter: (record) => (record.ptid.startsWith('TEST') ? `test participant ${record.ptid}` : undefined)
  });
  const processFile = labs.fileProcessor(config(TEMPLATE));

  it('maps a valid record by the table (DATE days, TIMESTAMP µs, INT64 bigint) and routes it by the key placeholders', async () => {
    expect(labs.table).toBe(labResultTable);
    const verdict = await processFile(file(LAB_RESULT_EXAMPLE), context);
    expect(verdict).toMatchObject({
      kind: 'rows',
      checkpoint: `tables/lab-result/44/ptau217/results.parquet`,
      dimensions: { Adcid: '44', Assay: 'ptau217' },
      rows: [
        {
          adcid: 44,
          accession_number: 4_294_967_311n,
          collected_on: 19_737,
          measured_at: 1_705_480_872_345_678n,
          unit: 'pg/mL', // the schema's default, applied by the validator
          reported_at: null
        }
      ]
    });
  });

  it('filters by the declared rule and quarantines what the schema refuses, naming the field', async () => {
    expect(await processFile(file({ ...LAB_RESULT_EXAMPLE, ptid: 'TEST1' }), context)).toEqual({
      kind: 'filtered',
      reason: 'test participant TEST1'
    });
    const verdict = await processFile(file({ ...LAB_RESULT_EXAMPLE, assay: 'glucose' }), context);
    expect(verdict.kind).toBe('invalid');
    expect(verdict.kind === 'invalid' && verdict.reasons.join()).toMatch(/^assay: /);
  });

  it('uses the declared toRows instead of the mapping when given', async () => {
    const custom = recordLambda<LabResult>({
      table: labResultTable,
      validate: validateLabResult,
      toRows: () => []
    }).fileProcessor(config(TEMPLATE));
    expect(await custom(file(LAB_RESULT_EXAMPLE), context)).toMatchObject({ kind: 'rows', rows: [] });
  });

  it('refuses at cold start a key template without the table’s placeholders', () => {
    expect(() => labs.fileProcessor(config('tables/lab-result/{adcid}.parquet'))).toThrow(ConfigurationError);
  });

  describe('by extension: JSON object or array, NDJSON, CSV; a file is atomic', () => {
    const byExtension = recordLambda<LabResult>({
      table: labResultTable,
      validate: validateLabResult,
      schema: labResultSchema,
      format: 'by-extension'
    }).fileProcessor(config(TEMPLATE));
    const records = [LAB_RESULT_EXAMPLE, { ...LAB_RESULT_EXAMPLE, sample_id: 'PL-2', value: 1.5 }];

    it.each([
      ['labs/a.json', file(LAB_RESULT_EXAMPLE), 1],
      ['labs/a.json', Buffer.from(labResultsJsonArray(records)), 2],
      ['labs/a.ndjson', Buffer.from(labResultsNdjson(records)), 2],
      ['labs/a.jsonl', Buffer.from(labResultsNdjson(records)), 2],
      ['labs/a.csv', Buffer.from(labResultsCsv(records)), 2]
    ])('%s → rows of one checkpoint', async (key, bytes, count) => {
      const verdict = await byExtension(bytes, named(key));
      expect(verdict).toMatchObject({
        kind: 'rows',
        checkpoint: 'tables/lab-result/44/ptau217/results.parquet'
      });
      expect(verdict.kind === 'rows' && verdict.rows.map((row) => row.sample_id)).toEqual(
        records.slice(0, count).map((record) => record.sample_id)
      );
    });

    it('one invalid record quarantines the file with its position; records of two checkpoints are refused', async () => {
      const bad = await byExtension(
        Buffer.from(labResultsNdjson([LAB_RESULT_EXAMPLE, { ...LAB_RESULT_EXAMPLE, value: 'high' }])),
        named('labs/b.ndjson')
      );
      expect(bad).toMatchObject({ kind: 'invalid', reasons: [expect.stringMatching(/^line 2: value: /)] });
      const mixed = await byExtension(
        Buffer.from(labResultsCsv([LAB_RESULT_EXAMPLE, { ...LAB_RESULT_EXAMPLE, assay: 'nfl' }])),
        named('labs/c.csv')
      );
      expect(mixed).toEqual({
        kind: 'invalid',
        reasons: [
          'records route to 2 checkpoints (tables/lab-result/44/ptau217/results.parquet, ' +
            'tables/lab-result/44/nfl/results.parquet); a file must hold records of one checkpoint ' +
            '(adcid, assay the same in every record)'
        ]
      });
      expect(await byExtension(file(LAB_RESULT_EXAMPLE), named('labs/d.txt'))).toEqual({
        kind: 'invalid',
        reasons: [
          'file name "labs/d.txt" has extension .txt; this lambda reads .csv, .ndjson, .jsonl, .json files'
        ]
      });
    });

    it('a CSV format needs the schema, said at declaration', () => {
      expect(() =>
        recordLambda({ table: labResultTable, validate: validateLabResult, format: 'csv' })
      ).toThrow(/declare it/);
    });
  });
});
