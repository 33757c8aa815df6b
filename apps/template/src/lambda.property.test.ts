import fc from 'fast-check';
import { createObservability, type FileContext } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE, validateVisitEvent, visitEventSchema } from '@reporting/schemas';
import { recordArbitrary } from '@reporting/test-kit';
import { templateLambda } from './lambda';
import { checkpointOf, rowOf, keyTemplateOf, placeholderValues } from './testing/example-checkpoint';

const table = templateLambda.table;
const KEY_TEMPLATE = keyTemplateOf(table, 'tables/template');
const processFile = templateLambda.fileProcessor({ checkpointKeyTemplate: KEY_TEMPLATE } as Parameters<
  typeof templateLambda.fileProcessor
>[0]);
const context: FileContext = {
  object: { bucket: 'in', key: 'prod/r.json', eTag: '"e"' },
  logger: createObservability({ serviceName: 'property-test', logLevel: 'SILENT' }).logger
};

// Feature: template lambda. Rule: routing — a record its schema accepts becomes exactly its row by the
// table's mapping, in the checkpoint its key placeholders name (labelled with them); any other record
// is refused. Records: the schema's example with every property varied as its schema allows.
test('routing: every valid record lands as its table maps it, in the checkpoint its key placeholders name', async () => {
  let valid = 0;
  await fc.assert(
    fc.asyncProperty(recordArbitrary(visitEventSchema, VISIT_EVENT_EXAMPLE), async (record) => {
      const text = JSON.stringify(record);
      const verdict = await processFile(Buffer.from(text), context);
      const validated = validateVisitEvent(JSON.parse(text));
      if (!validated.valid) {
        expect(verdict).toEqual({ kind: 'invalid', reasons: validated.errors });
        return;
      }
      valid++;
      expect(verdict.kind).toBe('rows');
      if (verdict.kind !== 'rows') return;
      expect(verdict.rows).toEqual([rowOf(table, validated.value)]);
      expect(verdict.checkpoint).toBe(checkpointOf(KEY_TEMPLATE, table, validated.value));
      expect(Object.values(verdict.dimensions ?? {})).toEqual(
        Object.values(placeholderValues(table, validated.value))
      );
    }),
    { numRuns: 200 }
  );
  // The property says something about routing only if valid records were among the runs.
  expect(valid).toBeGreaterThan(0);
});
