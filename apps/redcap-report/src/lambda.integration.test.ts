// The handler on real clients against the stand-ins (local S3, local SSM via Powertools Parameters,
// the local REDCap API via fetch), one test per case of issue 15; the tables read back with DuckDB.
import { CheckpointTable, type ObjectStore, readFileColumns } from '@reporting/checkpoint-store';
import type { MetadataRow } from '@reporting/local-redcap';
import { DuckDbReader } from '@reporting/test-kit';

import { type HarnessReport, RedcapHarness } from './testing/redcap-harness';
import {
  SAMPLE_METADATA,
  SAMPLE_REPORT_ID,
  SAMPLE_TOKEN,
  sampleProject,
  sampleRecords
} from './testing/sample-project';

let harness: RedcapHarness;
let duckdb: DuckDbReader;
let run = 0;

const project = () => harness.redcap.project('study');
/** A fresh report name per test: each test has its own table key. */
function report(mode: 'overwrite' | 'append', reportId?: string): HarnessReport {
  return { name: `r${++run}`, project: 'study', mode, ...(reportId === undefined ? {} : { reportId }) };
}
async function table(name: string): Promise<{ path: string; etag: string }> {
  const object = await harness.object(RedcapHarness.tableKey(name));
  if (object === undefined) throw new Error(`no table for ${name}`);
  return { path: duckdb.file(object.bytes), etag: object.etag };
}
const count = async (path: string): Promise<number> =>
  Number((await duckdb.query(`SELECT count(*) AS n FROM read_parquet('${path}')`))[0].n);

beforeAll(async () => {
  harness = await RedcapHarness.start({ study: sampleProject(25) });
  duckdb = await DuckDbReader.open();
}, 60_000);
afterAll(async () => {
  duckdb.close();
  await harness.stop();
});
beforeEach(() => {
  harness.redcap.reset();
  project().metadata = SAMPLE_METADATA;
  project().records = sampleRecords(25);
});

const EXPECTED_TYPES = {
  record_id: 'VARCHAR',
  dob: 'DATE',
  enrolled_at: 'TIMESTAMP WITH TIME ZONE',
  age: 'BIGINT',
  weight: 'DOUBLE',
  consent: 'BOOLEAN',
  site: 'VARCHAR',
  enrolment_complete: 'VARCHAR',
  symptoms___1: 'BOOLEAN',
  symptoms___2: 'BOOLEAN',
  symptoms___3: 'BOOLEAN',
  score: 'DOUBLE',
  comments: 'VARCHAR',
  visit_complete: 'VARCHAR',
  exported_at: 'TIMESTAMP WITH TIME ZONE'
};

test('overwrite: every record with the dictionary’s types; a second run replaces the first', async () => {
  const r = report('overwrite');
  const handler = harness.handler([r], { now: () => new Date('2024-05-01T06:00:00Z') });
  const first = await handler({ report: r.name });
  expect(first).toMatchObject({ statusCode: 200, records: 25, mode: 'overwrite' });
  const { path } = await table(r.name);
  expect(await duckdb.types(path)).toEqual(EXPECTED_TYPES);
  const [row] = await duckdb.query(
    `SELECT record_id, CAST(dob AS VARCHAR) AS dob, epoch_us(enrolled_at) AS enrolled, age, weight, consent,
            symptoms___1, symptoms___2, score, comments, epoch_us(exported_at) AS exported
     FROM read_parquet('${path}') WHERE record_id = '2'`
  );
  expect(row).toEqual({
    record_id: '2',
    dob: '1952-03-03',
    enrolled: BigInt(Date.parse('2024-03-03T02:15:30Z')) * 1000n,
    age: 22n,
    weight: 57.5,
    consent: true,
    symptoms___1: false,
    symptoms___2: true,
    score: 2.2,
    comments: 'note, "quoted" 2',
    exported: BigInt(Date.parse('2024-05-01T06:00:00Z')) * 1000n
  });

  project().records = sampleRecords(3, 100);
  expect(await handler({ report: r.name })).toMatchObject({ statusCode: 200, records: 3 });
  const again = await table(r.name);
  expect(
    (await duckdb.query(`SELECT record_id FROM read_parquet('${again.path}') ORDER BY record_id`)).map(
      (x) => x.record_id
    )
  ).toEqual(['100', '101', '102']);
});

test('a report (content=report, report_id) exports its fields; the fields it leaves out are null', async () => {
  const r = report('overwrite', SAMPLE_REPORT_ID);
  expect(await harness.handler([r])({ report: r.name })).toMatchObject({ statusCode: 200, records: 25 });
  expect(harness.redcap.requests.map((q) => [q.params.content, q.params.report_id])).toEqual([
    ['metadata', undefined],
    ['report', SAMPLE_REPORT_ID]
  ]);
  const { path } = await table(r.name);
  const [nulls] = await duckdb.query(
    `SELECT count(comments) AS comments, count(age) AS age FROM read_parquet('${path}')`
  );
  expect(nulls).toEqual({ comments: 0n, age: 25n });
});

test('append: one new row group per run, earlier rows kept', async () => {
  const r = report('append');
  const handler = harness.handler([r]);
  expect(await handler({ report: r.name })).toMatchObject({ statusCode: 200, records: 25 });
  project().records = sampleRecords(10, 26);
  expect(await handler({ report: r.name })).toMatchObject({ statusCode: 200, records: 10 });
  const engine = CheckpointTable.of({ ...(await storeTable(r.name)) });
  const stats = await engine.stats(harness.store, RedcapHarness.tableKey(r.name));
  expect(stats).toMatchObject({ rows: 35, rowGroups: 2, rowGroupRows: [25, 10] });
  const { path } = await table(r.name);
  expect(await count(path)).toBe(35);
});

test('direct invocation with a mode overrides the report’s own', async () => {
  const r = report('append');
  const handler = harness.handler([r]);
  await handler({ report: r.name });
  await handler({ report: r.name });
  expect(await handler({ report: r.name, mode: 'overwrite' })).toMatchObject({
    statusCode: 200,
    mode: 'overwrite'
  });
  expect(await count((await table(r.name)).path)).toBe(25);
});

test('a new REDCap field → a new nullable column, added once, null in the rows before', async () => {
  const r = report('append');
  const handler = harness.handler([r]);
  await handler({ report: r.name });
  const field: MetadataRow = {
    field_name: 'height',
    form_name: 'visit',
    field_type: 'text',
    field_label: 'Height',
    text_validation_type_or_show_slider_number: 'integer'
  };
  project().metadata = [...SAMPLE_METADATA, field];
  project().records = sampleRecords(5, 26).map((record) => ({ ...record, height: '180' }));
  expect(await handler({ report: r.name })).toMatchObject({ statusCode: 200, addedColumns: ['height'] });
  expect(await handler({ report: r.name })).toMatchObject({ statusCode: 200, addedColumns: [] });
  const { path } = await table(r.name);
  expect((await duckdb.types(path)).height).toBe('BIGINT');
  const [counts] = await duckdb.query(
    `SELECT count(*) AS n, count(height) AS h FROM read_parquet('${path}')`
  );
  expect(counts).toEqual({ n: 35n, h: 10n });
});

test('a removed REDCap field stays a column, null from then on (overwrite and append)', async () => {
  for (const mode of ['overwrite', 'append'] as const) {
    const r = report(mode);
    const handler = harness.handler([r]);
    project().metadata = SAMPLE_METADATA;
    await handler({ report: r.name });
    project().metadata = SAMPLE_METADATA.filter((row) => row.field_name !== 'comments');
    expect(await handler({ report: r.name })).toMatchObject({
      statusCode: 200,
      removedColumns: ['comments']
    });
    const { path } = await table(r.name);
    expect((await duckdb.types(path)).comments).toBe('VARCHAR');
    const [counts] = await duckdb.query(
      `SELECT count(*) AS n, count(comments) AS c FROM read_parquet('${path}')`
    );
    // overwrite: only the new export, comments null; append: the first run's 20 comments remain
    expect(counts).toEqual(mode === 'overwrite' ? { n: 25n, c: 0n } : { n: 50n, c: 20n });
  }
});

test('a changed type fails the run with a clear error and SchemaDriftFailures; the file stays untouched', async () => {
  const r = report('overwrite');
  const handler = harness.handler([r]);
  await handler({ report: r.name });
  const before = await harness.object(RedcapHarness.tableKey(r.name));
  project().metadata = SAMPLE_METADATA.map((row) =>
    row.field_name === 'age' ? { ...row, text_validation_type_or_show_slider_number: '' } : row
  );
  const metrics = captureMetrics();
  const response = await handler({ report: r.name });
  expect(response).toMatchObject({ statusCode: 500, error: 'SchemaDriftError' });
  expect((response as { message: string }).message).toMatch(
    /column "age" is int64 in the file, the dictionary now makes it string/
  );
  expect(metrics.names()).toEqual(expect.arrayContaining(['SchemaDriftFailures', 'EventsFailed']));
  expect(metrics.dimension('Report')).toBe(r.name);
  metrics.restore();
  expect(await harness.object(RedcapHarness.tableKey(r.name))).toEqual(before);
  // Only the dictionary was asked for: the drift is found before the export.
  expect(harness.redcap.requests.map((q) => q.params.content)).toEqual(['metadata', 'record', 'metadata']);
});

test('5xx answers are retried with backoff, then the run succeeds', async () => {
  const r = report('overwrite');
  harness.redcap.faults.failNext(2, 503);
  expect(await harness.handler([r])({ report: r.name })).toMatchObject({ statusCode: 200, records: 25 });
  expect(harness.redcap.requests.map((q) => [q.params.content, q.status])).toEqual([
    ['metadata', 503],
    ['metadata', 503],
    ['metadata', 200],
    ['record', 200]
  ]);
});

test('5xx beyond the retry budget → 500, nothing written', async () => {
  const r = report('overwrite');
  harness.redcap.faults.failNext(10, 500);
  expect(await harness.handler([r])({ report: r.name })).toMatchObject({
    statusCode: 500,
    error: 'ApiUnavailableError'
  });
  expect(await harness.object(RedcapHarness.tableKey(r.name))).toBeUndefined();
});

test('a refused token: no retry, the message names the parameter path and never the token', async () => {
  const r = report('overwrite');
  project().faults.rejectTokens();
  const response = await harness.handler([r])({ report: r.name });
  expect(response).toMatchObject({ statusCode: 500, error: 'ApiAuthError' });
  const message = (response as { message: string }).message;
  expect(message).toContain('/redcap/study');
  expect(message).not.toContain(SAMPLE_TOKEN);
  expect(harness.redcap.requests).toHaveLength(1);
});

test('a body cut off mid-export: nothing written, the previous file untouched', async () => {
  const r = report('overwrite');
  const handler = harness.handler([r]);
  await handler({ report: r.name });
  const before = await harness.object(RedcapHarness.tableKey(r.name));
  // The cut must hit the export, not the dictionary: armed when the run reads the table's footer,
  // which happens between the two requests.
  const armed = harness.handlerWithStore([r], (store) => ({
    readTail: (key: string, length: number) => {
      project().faults.truncateNext(1);
      return store.readTail(key, length);
    }
  }));
  const response = await armed({ report: r.name });
  expect(response).toMatchObject({ statusCode: 500, error: 'ApiUnavailableError' });
  expect(harness.redcap.requests.at(-1)).toMatchObject({ fault: 'truncated', completed: false });
  expect(await harness.object(RedcapHarness.tableKey(r.name))).toEqual(before);
});

test('a value that contradicts the dictionary: nothing written, the value not in the answer', async () => {
  const r = report('overwrite');
  project().records = [...sampleRecords(5), { ...sampleRecords(1, 6)[0], age: 'forty-two' }];
  const response = await harness.handler([r])({ report: r.name });
  expect(response).toMatchObject({ statusCode: 500, error: 'RedcapCsvError' });
  expect(JSON.stringify(response)).not.toContain('forty-two');
  expect(await harness.object(RedcapHarness.tableKey(r.name))).toBeUndefined();
});

test('an empty report → a typed table with zero rows', async () => {
  const r = report('overwrite', SAMPLE_REPORT_ID);
  project().records = [];
  expect(await harness.handler([r])({ report: r.name })).toMatchObject({ statusCode: 200, records: 0 });
  const { path } = await table(r.name);
  expect(await count(path)).toBe(0);
  expect(await duckdb.types(path)).toEqual(EXPECTED_TYPES);
});

test('two concurrent overwrite runs: one wins cleanly, the other writes nothing (409)', async () => {
  const r = report('overwrite');
  // Both runs read the (absent) file before either writes: the writes race.
  let waiting: (() => void)[] = [];
  const barrier = (): Promise<void> =>
    new Promise((resolve) => {
      waiting.push(resolve);
      if (waiting.length === 2) {
        waiting.forEach((release) => release());
        waiting = [];
      }
    });
  const racing = (at: string) =>
    harness.handlerWithStore(
      [r],
      (store) => ({
        beginUpload: (...args: Parameters<ObjectStore['beginUpload']>) => {
          const upload = store.beginUpload(...args);
          return {
            append: (chunks) => upload.append(chunks),
            complete: async () => {
              await barrier(); // both files are encoded and sent before either completes
              return upload.complete();
            },
            abort: () => upload.abort()
          };
        }
      }),
      () => new Date(at)
    );
  const responses = await Promise.all([
    racing('2024-05-01T00:00:00Z')({ report: r.name }),
    racing('2024-05-02T00:00:00Z')({ report: r.name })
  ]);
  expect(responses.map((x) => x.statusCode).sort()).toEqual([200, 409]);
  const winner = responses.find((x) => x.statusCode === 200) as { exportedAt: string };
  const { path } = await table(r.name);
  const stamps = await duckdb.query(
    `SELECT DISTINCT epoch_ms(exported_at) AS t, count(*) OVER () AS n FROM read_parquet('${path}')`
  );
  expect(stamps).toEqual([{ t: BigInt(Date.parse(winner.exportedAt)), n: 25n }]);
});

test('bad input → 400 naming every problem, nothing asked of REDCap', async () => {
  const r = report('overwrite');
  const response = await harness.handler([r])({ report: 'nope', mode: 'merge', extra: 1 });
  expect(response).toEqual({
    statusCode: 400,
    problems: [
      `report: no report named "nope" (configured: ${r.name})`,
      'mode: must be overwrite or append, not "merge"',
      'extra: is not a property of the input (report, mode)'
    ]
  });
  expect(harness.redcap.requests).toHaveLength(0);
});

/** The table the lambda wrote, as the engine sees it (the file's own columns). */
async function storeTable(name: string) {
  const columns = await readFileColumns(harness.store, RedcapHarness.tableKey(name));
  return {
    schema: name,
    title: name,
    version: '1',
    columns: columns!,
    sortColumn: null,
    keyPlaceholders: []
  };
}

/** Powertools Metrics writes EMF lines to stdout: what one run emitted. */
function captureMetrics() {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  const emf = () =>
    lines
      .flatMap((line) => line.split('\n'))
      .filter((l) => l.includes('_aws'))
      .map(
        (l) =>
          JSON.parse(l) as Record<string, unknown> & {
            _aws: { CloudWatchMetrics: { Metrics: { Name: string }[] }[] };
          }
      );
  return {
    names: () => emf().flatMap((e) => e._aws.CloudWatchMetrics.flatMap((m) => m.Metrics.map((x) => x.Name))),
    dimension: (name: string) => emf().map((e) => e[name])[0],
    restore: () => spy.mockRestore()
  };
}
