import type { VisitEvent, VisitEventRow } from '@reporting/schemas';
import { renderCheckpointKey } from '@reporting/lambda-runtime';
import { generateSampleFiles, INVALID_SAMPLES } from '@reporting/test-kit';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import { EVENT_PREFIX, startPipeline, type Pipeline } from './testing/event-log-pipeline';
import { rowOfEvent } from './testing/visit-rows';

/** The 13 event columns of a row, comparable regardless of lineage columns. */
const eventColumns = (row: VisitEventRow): string => {
  const { source_key, source_version, ingested_at, ...event } = row;
  return JSON.stringify(event, (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
};
const expectedRow = (event: VisitEvent): string =>
  eventColumns({
    ...(rowOfEvent(event) as Omit<VisitEventRow, 'source_key' | 'source_version' | 'ingested_at'>),
    source_key: null,
    source_version: null,
    ingested_at: null
  });

async function allRows(pipeline: Pipeline): Promise<VisitEventRow[]> {
  const rows: VisitEventRow[] = [];
  for (const key of await pipeline.checkpointKeys()) rows.push(...(await pipeline.checkpointRows(key)));
  return rows;
}

describe('event-log pipeline on the local stack (S3 → queue → lambda → checkpoint)', () => {
  let pipeline: Pipeline;

  afterEach(async () => {
    await pipeline?.stop();
  });

  it('lands exactly the valid, non-sandbox events, each notification delivered 3× out of order, and quarantines the invalid ones', async () => {
    pipeline = await startPipeline({ deliveriesPerMessage: 3, shuffle: true, seed: 11 });
    const files = generateSampleFiles({ prefix: EVENT_PREFIX, valid: 80, sandbox: 6, invalid: 10, seed: 3 });
    await Promise.all(files.map((f) => pipeline.upload(f.key, f.body)));
    await pipeline.queue.drained(60_000);

    const rows = await allRows(pipeline);
    const valid = files.filter((f) => f.expect === 'valid');
    expect(rows.map(eventColumns).sort()).toEqual(valid.map((f) => expectedRow(f.event!)).sort());
    // Lineage: each row names the object it came from.
    expect(new Set(rows.map((r) => r.source_key))).toEqual(new Set(valid.map((f) => `s3://events/${f.key}`)));
    // Routing: each row sits in its {study}/{datatype} checkpoint.
    for (const key of await pipeline.checkpointKeys()) {
      for (const row of await pipeline.checkpointRows(key))
        expect(
          renderCheckpointKey(pipeline.runtime.config.checkpointKeyTemplate, {
            study: row.study,
            datatype: row.datatype
          })
        ).toBe(key);
    }

    const quarantined = await pipeline.quarantine();
    const invalid = files.filter((f) => f.expect === 'invalid');
    expect(quarantined.map((q) => q.source_key).sort()).toEqual(invalid.map((f) => f.key).sort());
    for (const record of quarantined) {
      const kind = INVALID_SAMPLES.find((k) => record.source_key.includes(`/${k.name}-`))!;
      expect(record.reasons.some((r) => r.startsWith(kind.reason))).toBe(true);
    }
    expect(pipeline.queue.deadLetters).toEqual([]);
  });

  it('keeps an overwritten object (new content) as a second event version', async () => {
    pipeline = await startPipeline();
    const key = `${EVENT_PREFIX}log-submit-20240115-102000-44-ingest-form-dvcid-110003-01.json`;
    await pipeline.upload(key, JSON.stringify({ ...SAMPLE_EVENT, action: 'submit' }));
    await pipeline.queue.drained();
    await pipeline.upload(key, JSON.stringify({ ...SAMPLE_EVENT, action: 'pass-qc' }));
    await pipeline.queue.drained();
    const rows = await pipeline.checkpointRows('checkpoints/dvcid/form/events.parquet');
    expect(rows.map((r) => r.action).sort()).toEqual(['pass-qc', 'submit']);
    expect(new Set(rows.map((r) => r.source_version)).size).toBe(2);
  });

  it('decodes keys with spaces, "+", "%" and non-ASCII characters back to the real key', async () => {
    pipeline = await startPipeline();
    const keys = ['a b.json', 'a+b.json', '100%.json', 'café ✓ 東京.json'].map(
      (name) => `${EVENT_PREFIX}odd/${name}`
    );
    for (const [i, key] of keys.entries()) {
      await pipeline.upload(key, JSON.stringify({ ...SAMPLE_EVENT, ptid: `P${i}` }));
    }
    await pipeline.queue.drained();
    const rows = await pipeline.checkpointRows('checkpoints/dvcid/form/events.parquet');
    expect(rows.map((r) => r.source_key).sort()).toEqual(keys.map((k) => `s3://events/${k}`).sort());
    expect(pipeline.queue.deadLetters).toEqual([]);
  });

  it('lands valid files of a batch while invalid files of the same batch are quarantined', async () => {
    pipeline = await startPipeline({ batchSize: 10, batchWindowMs: 200 });
    await pipeline.upload(`${EVENT_PREFIX}good.json`, JSON.stringify(SAMPLE_EVENT));
    await pipeline.upload(`${EVENT_PREFIX}bad.json`, '{"action": ');
    await pipeline.upload(
      `${EVENT_PREFIX}sandbox.json`,
      JSON.stringify({ ...SAMPLE_EVENT, project_label: 'sandbox-x' })
    );
    await pipeline.queue.drained();
    expect(
      (await pipeline.checkpointRows('checkpoints/dvcid/form/events.parquet')).map((r) => r.source_key)
    ).toEqual([`s3://events/${EVENT_PREFIX}good.json`]);
    expect((await pipeline.quarantine()).map((q) => q.source_key)).toEqual([`${EVENT_PREFIX}bad.json`]);
    expect(pipeline.queue.invocations.some((i) => i.messageIds.length >= 3)).toBe(true);
  });
});
