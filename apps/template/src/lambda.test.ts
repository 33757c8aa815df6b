import { createObservability } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE, validateVisitEvent, visitEventSchema } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';
import { templateLambda } from './lambda';
import { checkpointOf, rowOf, keyTemplateOf, placeholderValues } from './testing/example-checkpoint';

const table = templateLambda.table;
const KEY_TEMPLATE = keyTemplateOf(table, 'tables/template');
const config = (checkpointKeyTemplate: string) =>
  ({ checkpointKeyTemplate }) as Parameters<typeof templateLambda.fileProcessor>[0];
const context = {
  object: { bucket: 'in', key: 'prod/a.json', eTag: '"e"' },
  logger: createObservability({ serviceName: 'test', logLevel: 'SILENT' }).logger
};
const bytes = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('the lambda rules', () => {
  const processFile = templateLambda.fileProcessor(config(KEY_TEMPLATE));

  it("turns the schema's example into its row, in the checkpoint its key placeholders name", async () => {
    const validated = validateVisitEvent(VISIT_EVENT_EXAMPLE);
    if (!validated.valid) throw new Error(validated.errors.join('; '));
    const verdict = await processFile(bytes(VISIT_EVENT_EXAMPLE), context);
    expect(verdict).toEqual({
      kind: 'rows',
      checkpoint: checkpointOf(KEY_TEMPLATE, table, validated.value),
      rows: [rowOf(table, validated.value)],
      dimensions: Object.fromEntries(
        Object.entries(placeholderValues(table, validated.value)).map(([name, value]) => [
          name[0].toUpperCase() + name.slice(1),
          value
        ])
      )
    });
    expect(verdict.kind === 'rows' && verdict.checkpoint).not.toMatch(/[{}]/);
  });

  it('names every reason a file is invalid', async () => {
    expect(
      await processFile(Buffer.from(JSON.stringify(VISIT_EVENT_EXAMPLE).slice(0, 20)), context)
    ).toMatchObject({
      kind: 'invalid',
      reasons: [expect.stringMatching(/^file is not valid JSON/)]
    });
    // The first required property the validator cannot default.
    const properties: Readonly<Record<string, object>> = visitEventSchema.properties;
    const required = (visitEventSchema.required as readonly string[]).find(
      (name) => !('default' in properties[name])
    );
    const incomplete: Record<string, unknown> = { ...VISIT_EVENT_EXAMPLE };
    delete incomplete[required!];
    expect(await processFile(bytes(incomplete), context)).toMatchObject({
      kind: 'invalid',
      reasons: expect.arrayContaining([`${required}: is required`])
    });
  });

  it('refuses, at cold start, a CHECKPOINT_KEY_TEMPLATE without one of its key placeholders', () => {
    const [last] = table.keyPlaceholders.slice(-1);
    expect(() => templateLambda.fileProcessor(config(KEY_TEMPLATE.replace(`{${last}}`, 'x')))).toThrow(
      ConfigurationError
    );
  });
});
