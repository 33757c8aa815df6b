import fc from 'fast-check';
import { createObservability, renderCheckpointKey, type FileContext } from '@reporting/lambda-runtime';
import { createRandom } from '@reporting/utils';
import { randomEvent } from '@reporting/test-kit';
import { templateLambda } from './lambda';

const TEMPLATE = 'checkpoints/{study}/{datatype}/records.parquet';
const processFile = templateLambda.fileProcessor({ checkpointKeyTemplate: TEMPLATE } as Parameters<
  typeof templateLambda.fileProcessor
>[0]);
const context: FileContext = {
  object: { bucket: 'in', key: 'prod/r.json', eTag: '"e"' },
  logger: createObservability({ serviceName: 'property-test', logLevel: 'SILENT' }).logger
};

// Feature: template lambda. Rule: routing — a valid record becomes rows of exactly the checkpoint of
// its own study and datatype, labelled with them.
test('routing: every valid record lands, whole, in the checkpoint of its study and datatype', async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.nat(10_000), async (seed, index) => {
      const record = randomEvent(createRandom(seed), index);
      const verdict = await processFile(Buffer.from(JSON.stringify(record)), context);
      expect(verdict.kind).toBe('rows');
      if (verdict.kind !== 'rows') return;
      const [row] = verdict.rows;
      expect(verdict.rows).toHaveLength(1);
      expect(row.ptid).toBe(record.ptid);
      expect(verdict.checkpoint).toBe(
        renderCheckpointKey(TEMPLATE, { study: String(row.study), datatype: String(row.datatype) })
      );
      expect(verdict.dimensions).toEqual({ Study: row.study, Datatype: row.datatype });
    }),
    { numRuns: 200 }
  );
});
