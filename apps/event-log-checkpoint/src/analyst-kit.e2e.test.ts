import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { VisitEvent } from '@reporting/schemas';
import { analystQueries } from './analytics/analyst-queries';
import { DuckDbReader, eventFileName, SAMPLE_EVENT } from '@reporting/test-kit';
import { ANALYTICS_BUCKET, EVENT_PREFIX, startPipeline, type Pipeline } from './testing/event-log-pipeline';

// The analyst kit against checkpoints written by the lambda's own code path (S3 → queue → handler on
// the local stack): the Polars snippet of docs/analysts.md, run as written, and the Athena named
// queries (terraform/athena-named-queries.json), run by DuckDB beside the app's analyst queries.

const APP_FOLDER = join(__dirname, '..');
const ANALYSTS_DOC = join(APP_FOLDER, '..', '..', 'docs', 'analysts.md');
const NAMED_QUERIES = join(APP_FOLDER, 'terraform', 'athena-named-queries.json');

/** The code block after the `polars-snippet` marker of docs/analysts.md. */
function polarsSnippet(): string {
  const doc = readFileSync(ANALYSTS_DOC, 'utf8');
  const match = /<!-- polars-snippet:[^>]*-->\s*```js\n([\s\S]*?)```/.exec(doc);
  if (!match) throw new Error(`${ANALYSTS_DOC}: no js code block after <!-- polars-snippet: ... -->`);
  return match[1];
}

/** Runs JavaScript in a fresh Node process from the app folder (so it finds the app's nodejs-polars). */
function runNode(
  code: string,
  env: NodeJS.ProcessEnv
): Promise<{ exitCode: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', code], { cwd: APP_FOLDER, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}

const event = (fields: Partial<VisitEvent>): VisitEvent => ({
  ...SAMPLE_EVENT,
  study: 'adrc',
  project_label: 'ingest-form',
  datatype: 'form',
  module: 'UDS',
  ...fields
});
const P1 = { ptid: 'P1', visit_number: '01', visit_date: '2024-01-10', center_label: 'alpha', packet: 'I' };
const P2 = { ptid: 'P2', visit_number: '01', visit_date: '2024-02-01', center_label: 'beta', packet: 'F' };
const P3 = { ptid: 'P3', visit_number: '02', visit_date: '2024-03-05', center_label: 'alpha', packet: 'I' };
const P9 = { ptid: 'P9', visit_number: '01', visit_date: '2024-03-30', center_label: 'alpha', packet: 'I' };
const DVCID = { study: 'dvcid', project_label: 'ingest-form-dvcid', module: 'LBD' };

/** Two checkpoints: adrc/form and dvcid/form. */
const EVENTS: VisitEvent[] = [
  event({ ...P1, action: 'submit', timestamp: '2024-01-12T09:00:00Z' }),
  event({ ...P1, action: 'not-pass-qc', timestamp: '2024-01-13T10:00:00Z' }),
  event({ ...P1, action: 'pass-qc', timestamp: '2024-01-20T10:00:00Z' }),
  event({ ...P2, action: 'submit', timestamp: '2024-02-03T08:00:00Z' }),
  event({ ...P2, action: 'pass-qc', timestamp: '2024-02-04T08:00:00+02:00' }),
  event({ ...P3, action: 'submit', timestamp: '2024-03-05T12:00:00Z' }),
  event({ ...P3, action: 'not-pass-qc', timestamp: '2024-03-06T12:00:00Z' }),
  event({ ...P9, ...DVCID, action: 'submit', timestamp: '2024-04-01T00:00:00Z' }),
  event({ ...P9, ...DVCID, action: 'pass-qc', timestamp: '2024-04-02T00:00:00Z' })
];

const ADRC_FORM = { study: 'adrc', datatype: 'form' };

type QueryName = keyof typeof analystQueries;
/** Each query's own parameters, as the app's function takes them and as Athena's `?` take them. */
const PARAMETERS: Record<QueryName, { duckdb: string[]; athena: string[] }> = {
  rowsAtCenter: { duckdb: ['alpha'], athena: ['alpha'] },
  countByAction: { duckdb: [], athena: [] },
  countByPacket: { duckdb: [], athena: [] },
  visitDateRange: { duckdb: ['2024-02-01', '2024-03-05'], athena: ['2024-02-01', '2024-03-05'] },
  timestampSince: { duckdb: ['2024-02-04 06:00:00+00'], athena: ['2024-02-04 06:00:00'] },
  daysToFirstSubmit: { duckdb: [], athena: [] },
  moduleByPacketByAction: { duckdb: [], athena: [] },
  qcPassRate: { duckdb: [], athena: [] },
  latestPerVisit: { duckdb: [], athena: [] },
  timeRange: { duckdb: [], athena: [] }
};

/** Athena's positional parameters, filled in as SQL literals. */
function bind(sql: string, values: string[]): string {
  let next = 0;
  const bound = sql.replace(/\?/g, () => {
    if (next >= values.length) throw new Error(`more ? than values in ${sql}`);
    return `'${values[next++].replace(/'/g, "''")}'`;
  });
  if (next !== values.length) throw new Error(`${values.length} values for ${next} ? in ${sql}`);
  return bound;
}

describe('analyst kit against checkpoints the lambda wrote on the local stack', () => {
  let pipeline: Pipeline;

  beforeAll(async () => {
    pipeline = await startPipeline({ deliveriesPerMessage: 2, shuffle: true, seed: 16 });
    for (const [i, e] of EVENTS.entries())
      await pipeline.upload(`${EVENT_PREFIX}${eventFileName(e, i)}`, JSON.stringify(e));
    await pipeline.queue.drained(60_000);
    expect((await pipeline.checkpointKeys()).sort()).toEqual([
      'checkpoints/adrc/form/events.parquet',
      'checkpoints/dvcid/form/events.parquet'
    ]);
  }, 120_000);

  afterAll(async () => {
    await pipeline?.stop();
  });

  it('the Polars snippet of docs/analysts.md reads every checkpoint from S3 and answers', async () => {
    const { exitCode, stdout, stderr } = await runNode(polarsSnippet(), {
      ...process.env,
      ...pipeline.stack.environment(),
      CHECKPOINT_BUCKET: ANALYTICS_BUCKET
    });
    expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
    expect(JSON.parse(stdout)).toEqual({
      qc: [
        { study: 'adrc', datatype: 'form', qc_events: 4, pass_rate: 0.5 },
        { study: 'dvcid', datatype: 'form', qc_events: 1, pass_rate: 1 }
      ],
      latest: [
        {
          ...ADRC_FORM,
          ptid: 'P1',
          visit_number: '01',
          latest_action: 'pass-qc',
          at: '2024-01-20T10:00:00.000Z'
        },
        {
          ...ADRC_FORM,
          ptid: 'P2',
          visit_number: '01',
          latest_action: 'pass-qc',
          at: '2024-02-04T06:00:00.000Z'
        },
        {
          ...ADRC_FORM,
          ptid: 'P3',
          visit_number: '02',
          latest_action: 'not-pass-qc',
          at: '2024-03-06T12:00:00.000Z'
        },
        {
          study: 'dvcid',
          datatype: 'form',
          ptid: 'P9',
          visit_number: '01',
          latest_action: 'pass-qc',
          at: '2024-04-02T00:00:00.000Z'
        }
      ]
    });
  }, 60_000);

  it("each Athena named query answers as the app's analyst query, on one checkpoint of the all-checkpoints table", async () => {
    const named = JSON.parse(readFileSync(NAMED_QUERIES, 'utf8')) as Record<string, { sql: string }>;
    expect(Object.keys(named).sort()).toEqual(Object.keys(analystQueries).sort());
    const duckdb = await DuckDbReader.open();
    try {
      await duckdb.query("SET TimeZone = 'UTC'"); // Athena's session time zone
      const files: Record<string, string> = {};
      for (const study of ['adrc', 'dvcid']) {
        const key = `checkpoints/${study}/form/events.parquet`;
        const object = await pipeline.s3.send(new GetObjectCommand({ Bucket: ANALYTICS_BUCKET, Key: key }));
        files[study] = duckdb.file(await object.Body!.transformToByteArray());
      }
      // The all-checkpoints table (both files) filtered on study and datatype, as Terraform renders it.
      const all = `read_parquet([${Object.values(files)
        .map((file) => `'${file}'`)
        .join(', ')}])`;
      const oneCheckpoint = `(SELECT * FROM ${all} WHERE study = ? AND datatype = ?) AS events`;
      for (const name of Object.keys(analystQueries) as QueryName[]) {
        const { duckdb: appParameters, athena: athenaParameters } = PARAMETERS[name];
        const appQuery = analystQueries[name] as (table: string, ...parameters: string[]) => string;
        const expected = await duckdb.query(appQuery(`read_parquet('${files.adrc}')`, ...appParameters));
        const sql = bind(named[name].sql.replace('{checkpoint}', oneCheckpoint), [
          'adrc',
          'form',
          ...athenaParameters
        ]);
        expect(expected.length).toBeGreaterThan(0);
        expect({ name, rows: await duckdb.query(sql) }).toEqual({ name, rows: expected });
      }
    } finally {
      duckdb.close();
    }
  }, 60_000);
});
