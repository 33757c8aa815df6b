import { LAB_RESULT_EXAMPLE, labResultTable, validateLabResult, type LabResult } from '@reporting/schemas';
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
});
