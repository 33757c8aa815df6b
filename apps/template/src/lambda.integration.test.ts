import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import { createHandler, createLambdaRuntime } from '@reporting/lambda-runtime';
import { VISIT_EVENT_EXAMPLE, validateVisitEvent, visitEventSchema } from '@reporting/schemas';
import { exampleFiles, LocalPipeline } from '@reporting/test-kit';
import { main as backfillMain } from './backfill-cli';
import { templateLambda } from './lambda';
import { checkpointOf, rowOf, keyTemplateOf, rowText, withoutLineage } from './testing/example-checkpoint';

const INPUT = 'input';
const ANALYTICS = 'analytics';
const PREFIX = 'prod/';
const table = templateLambda.table;
const KEY_TEMPLATE = keyTemplateOf(table, 'tables/template');
// Variants of the schema's example that keep its key placeholders: one checkpoint.
const vary = Object.keys(visitEventSchema.properties).filter((name) => !table.keyPlaceholders.includes(name));
const sample = (prefix: string, valid: number, invalid: number, seed: number) =>
  exampleFiles({
    schema: visitEventSchema,
    example: VISIT_EVENT_EXAMPLE,
    validate: validateVisitEvent,
    prefix,
    valid,
    invalid,
    seed,
    vary
  });
/** Each record's row by the table's mapping, without lineage, as text: comparable whatever the order. */
const expectedRows = (records: readonly object[]) =>
  records
    .map((record) => {
      const validated = validateVisitEvent(record);
      if (!validated.valid) throw new Error(validated.errors.join('; '));
      return rowText(rowOf(table, validated.value));
    })
    .sort();

describe('the lambda on the local stack: S3 → notification → queue → handler → checkpoint', () => {
  let pipeline: LocalPipeline;

  beforeAll(async () => {
    pipeline = await LocalPipeline.start({
      name: 'template-lambda',
      lambda: (env, clients) => createHandler(() => createLambdaRuntime(templateLambda, env, clients)),
      buckets: { source: INPUT, checkpoint: ANALYTICS },
      prefix: PREFIX,
      environment: { CHECKPOINT_KEY_TEMPLATE: KEY_TEMPLATE },
      // S3 delivers at least once: every notification arrives twice, in shuffled order.
      queue: { deliveriesPerMessage: 2, shuffle: true, seed: 3 }
    });
  });
  afterAll(() => pipeline.stop());

  const rowsOf = (key: string) =>
    CheckpointTable.of(table).readRows(new S3ObjectStore(pipeline.client, ANALYTICS), key);
  const checkpoint = checkpointOf(KEY_TEMPLATE, table, VISIT_EVENT_EXAMPLE);

  it('appends every valid file exactly once, as the table maps it, and quarantines the invalid ones with their reasons', async () => {
    const files = sample(PREFIX, 6, 4, 11);
    await pipeline.uploadAll(files);
    await pipeline.upload(`${PREFIX}ignored.txt`, 'not a notification: wrong suffix');
    await pipeline.queue.drained(60_000);

    const rows = await rowsOf(checkpoint);
    const valid = files.filter((file) => file.expect === 'valid');
    expect(rows.map((row) => rowText(withoutLineage(table, row))).sort()).toEqual(
      expectedRows(valid.map((file) => file.event!))
    );
    expect(rows.map((row) => row.source_key).sort()).toEqual(
      valid.map((file) => `s3://${INPUT}/${file.key}`).sort()
    );
    const quarantine = await pipeline.quarantine();
    const invalid = files.filter((file) => file.expect === 'invalid');
    expect(quarantine.map((record) => record.source_key).sort()).toEqual(
      invalid.map((file) => file.key).sort()
    );
    for (const record of quarantine) {
      const file = invalid.find((f) => f.key === record.source_key)!;
      expect(record.reasons.some((reason) => reason.startsWith(file.reason!))).toBe(true);
    }
    expect(pipeline.queue.deadLetters).toEqual([]);
  });

  it('backfills files that arrived before any notification, through the same code, once', async () => {
    pipeline.stack.s3.putBucketNotificationConfiguration(
      INPUT,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    const before = (await rowsOf(checkpoint)).length;
    const history = sample(`${PREFIX}history/`, 1, 0, 12);
    await pipeline.uploadAll(history);
    const saved = { ...process.env };
    Object.assign(process.env, pipeline.exports());
    const out = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // The files of the first test are remembered (valid and quarantined): only the new one is processed.
      expect(await backfillMain([])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('processed 1, skipped as duplicates 10');
      // Worker threads (one runtime each) find the same objects already done.
      expect(await backfillMain(['--prefix', `${PREFIX}history/`, '--workers', '2'])).toBe(0);
      expect(out.mock.calls.flat().join('\n')).toContain('processed 0, skipped as duplicates 1');
    } finally {
      out.mockRestore();
      err.mockRestore();
      process.env = saved;
    }
    const rows = await rowsOf(checkpoint);
    expect(rows).toHaveLength(before + 1);
    expect(rows.map((row) => row.source_key)).toContain(`s3://${INPUT}/${history[0].key}`);
  });
});
