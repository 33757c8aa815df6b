import { createObservability } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';
import { templateLambda } from './lambda';

const KEY_PATTERN = 'checkpoints/{study}/{datatype}/records.parquet';
const config = (checkpointKeyTemplate: string) =>
  ({ checkpointKeyTemplate }) as Parameters<typeof templateLambda.fileProcessor>[0];
const context = {
  object: { bucket: 'in', key: 'prod/a.json', eTag: '"e"' },
  logger: createObservability({ serviceName: 'test', logLevel: 'SILENT' }).logger
};
const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('the lambda rules', () => {
  const processFile = templateLambda.fileProcessor(config(KEY_PATTERN));

  it('turns a valid record into rows of the checkpoint of its study and datatype', async () => {
    const verdict = await processFile(bytes(VISIT_EVENT_EXAMPLE), context);
    expect(verdict).toMatchObject({
      kind: 'rows',
      checkpoint: `checkpoints/${VISIT_EVENT_EXAMPLE.study}/${VISIT_EVENT_EXAMPLE.datatype}/records.parquet`,
      rows: [{ ptid: VISIT_EVENT_EXAMPLE.ptid }]
    });
  });

  it('names every reason a file is invalid', async () => {
    expect(await processFile(Buffer.from('{"truncated": '), context)).toMatchObject({
      kind: 'invalid',
      reasons: [expect.stringMatching(/^file is not valid JSON/)]
    });
    const verdict = await processFile(bytes({ ...VISIT_EVENT_EXAMPLE, unexpected: 1 }), context);
    expect(verdict).toEqual({ kind: 'invalid', reasons: ['unexpected: is not an allowed field'] });
  });

  it('refuses, at cold start, a CHECKPOINT_KEY_TEMPLATE that cannot tell checkpoints apart', () => {
    expect(() => templateLambda.fileProcessor(config('checkpoints/{study}.parquet'))).toThrow(
      ConfigurationError
    );
  });
});
