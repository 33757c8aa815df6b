import { ConfigurationError } from '@reporting/utils';
import { CONFIG_VARIABLES, loadConfig } from './config';

const minimal = {
  SOURCE_BUCKET: 'events-bucket',
  CHECKPOINT_BUCKET: 'analytics-bucket',
  IDEMPOTENCY_TABLE: 'idem-table'
};

describe('loadConfig', () => {
  it('applies the schema defaults', () => {
    expect(loadConfig(minimal)).toEqual({
      sourceBucket: 'events-bucket',
      sourcePrefix: '',
      checkpointBucket: 'analytics-bucket',
      checkpointKeyTemplate: 'checkpoints/{study}/{datatype}/events.parquet',
      errorsPrefix: 'errors/',
      idempotencyTable: 'idem-table',
      maxFileBytes: 1048576,
      logLevel: 'INFO',
      serviceName: 'reporting-lambda',
      metricsNamespace: 'ReportingLambdas'
    });
  });

  it("defaults the key template to checkpoints/{p1}/{p2}/events.parquet over the table's key placeholders", () => {
    expect(loadConfig(minimal, ['adcid', 'assay']).checkpointKeyTemplate).toBe(
      'checkpoints/{adcid}/{assay}/events.parquet'
    );
    // Visit events' placeholders give the schema's own default.
    expect(loadConfig(minimal, ['study', 'datatype']).checkpointKeyTemplate).toBe(
      loadConfig(minimal).checkpointKeyTemplate
    );
    expect(
      loadConfig({ ...minimal, CHECKPOINT_KEY_TEMPLATE: 't/{adcid}/{assay}.parquet' }, ['adcid', 'assay'])
    ).toMatchObject({ checkpointKeyTemplate: 't/{adcid}/{assay}.parquet' });
  });

  it('treats empty variables as unset and ignores unrelated ones', () => {
    expect(loadConfig({ ...minimal, ERRORS_PREFIX: '', PATH: '/usr/bin' }).errorsPrefix).toBe('errors/');
  });

  it('lists every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig(
        {
          CHECKPOINT_BUCKET: 'analytics-bucket',
          MAX_FILE_BYTES: '-5',
          CHECKPOINT_KEY_TEMPLATE: 'x/{study}.parquet'
        },
        ['study', 'datatype']
      );
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'SOURCE_BUCKET: is required',
      'IDEMPOTENCY_TABLE: is required',
      'MAX_FILE_BYTES: "-5" must be a positive whole number of bytes',
      'CHECKPOINT_KEY_TEMPLATE: "x/{study}.parquet" lacks {datatype}'
    ]);
  });

  it('reads exactly the variables the schema declares', () => {
    expect(CONFIG_VARIABLES).toContain('CHECKPOINT_KEY_TEMPLATE');
    expect(CONFIG_VARIABLES).toHaveLength(10);
  });
});
