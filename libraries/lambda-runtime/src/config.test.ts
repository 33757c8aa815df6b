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

  it('treats empty variables as unset and ignores unrelated ones', () => {
    expect(loadConfig({ ...minimal, ERRORS_PREFIX: '', PATH: '/usr/bin' }).errorsPrefix).toBe('errors/');
  });

  it('lists every problem in one message', () => {
    let error: unknown;
    try {
      loadConfig({
        CHECKPOINT_BUCKET: 'analytics-bucket',
        MAX_FILE_BYTES: '-5',
        CHECKPOINT_KEY_TEMPLATE: 'x/{study}.parquet'
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).problems).toEqual([
      'SOURCE_BUCKET: is required',
      'IDEMPOTENCY_TABLE: is required',
      'CHECKPOINT_KEY_TEMPLATE: "x/{study}.parquet" must contain both {study} and {datatype}',
      'MAX_FILE_BYTES: "-5" must be a positive whole number of bytes'
    ]);
  });

  it('reads exactly the variables the schema declares', () => {
    expect(CONFIG_VARIABLES).toContain('CHECKPOINT_KEY_TEMPLATE');
    expect(CONFIG_VARIABLES).toHaveLength(10);
  });
});
