import { renderCheckpointKey, type FileContext } from '@reporting/lambda-runtime';
import { ConfigurationError } from '@reporting/utils';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import { eventLogLambda, isSandboxProject } from './event-log-lambda';

const TEMPLATE = 'checkpoints/{study}/{datatype}/events.parquet';
const CONFIG = { checkpointKeyTemplate: TEMPLATE } as Parameters<typeof eventLogLambda.fileProcessor>[0];
const logged: string[] = [];
const context = (key: string): FileContext => ({
  object: { bucket: 'events', key, eTag: '"e"' },
  logger: { info: (message: string) => logged.push(message) } as unknown as FileContext['logger']
});
const file = (event: object): Buffer => Buffer.from(JSON.stringify(event));
const NAMED = 'prod/log-submit-20240115-102000-42-ingest-form-110001-01.json';

describe('the event-log rules', () => {
  const process = eventLogLambda.fileProcessor(CONFIG);

  it('routes an event to its {study}/{datatype} checkpoint, labelled for metrics', async () => {
    expect(await process(file(SAMPLE_EVENT), context(NAMED))).toMatchObject({
      kind: 'rows',
      checkpoint: renderCheckpointKey(TEMPLATE, {
        study: SAMPLE_EVENT.study!,
        datatype: SAMPLE_EVENT.datatype
      }),
      dimensions: { Study: SAMPLE_EVENT.study, Datatype: SAMPLE_EVENT.datatype }
    });
  });

  it('filters only sandbox-* projects as practice data', async () => {
    expect(isSandboxProject('sandbox-form')).toBe(true);
    expect(isSandboxProject('ingest-sandbox-form')).toBe(false);
    expect(await process(file({ ...SAMPLE_EVENT, project_label: 'sandbox-form' }), context(NAMED))).toEqual({
      kind: 'filtered',
      reason: 'sandbox project sandbox-form'
    });
  });

  it('names every schema violation of an invalid file', async () => {
    const verdict = await process(file({ ...SAMPLE_EVENT, action: 'nope', ptid: undefined }), context(NAMED));
    expect(verdict.kind).toBe('invalid');
    expect(verdict.kind === 'invalid' && verdict.reasons.length).toBeGreaterThanOrEqual(2);
  });

  it('uses the content of a file whose name is off the pattern, and logs that', async () => {
    logged.length = 0;
    expect((await process(file(SAMPLE_EVENT), context('prod/other.json'))).kind).toBe('rows');
    expect(logged).toEqual(['file name does not follow the event-log pattern; content is used']);
  });

  it('rejects a template without both placeholders at cold start, naming what is missing', () => {
    const withTemplate = (checkpointKeyTemplate: string) => () =>
      eventLogLambda.fileProcessor({ ...CONFIG, checkpointKeyTemplate });
    expect(withTemplate('checkpoints/{study}.parquet')).toThrow(ConfigurationError);
    expect(withTemplate('x.parquet')).toThrow('lacks {study} and {datatype}');
  });
});
