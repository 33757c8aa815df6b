import type { VisitEvent } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { analystQueries as q, parquetTable } from './analytics/analyst-queries';
import { eventFileName } from '@reporting/test-kit';
import { SAMPLE_EVENT } from '@reporting/test-kit';
import { ANALYTICS_BUCKET, EVENT_PREFIX, startPipeline, type Pipeline } from './testing/event-log-pipeline';

type Visit = Pick<VisitEvent, 'ptid' | 'visit_number' | 'visit_date' | 'center_label' | 'module' | 'packet'>;
const P1: Visit = {
  ptid: 'P1',
  visit_number: '01',
  visit_date: '2024-01-10',
  center_label: 'alpha',
  module: 'UDS',
  packet: 'I'
};
const P2: Visit = {
  ptid: 'P2',
  visit_number: '01',
  visit_date: '2024-02-01',
  center_label: 'beta',
  module: 'UDS',
  packet: 'F'
};
const P3: Visit = {
  ptid: 'P3',
  visit_number: '02',
  visit_date: '2024-03-05',
  center_label: 'alpha',
  module: 'FTLD',
  packet: 'I'
};
const P4: Visit = {
  ptid: 'P4',
  visit_number: '01',
  visit_date: '2024-03-10',
  center_label: 'gamma',
  module: 'LBD',
  packet: 'IT'
};

const event = (visit: Visit, action: VisitEvent['action'], timestamp: string): VisitEvent => ({
  ...SAMPLE_EVENT,
  study: 'adrc',
  project_label: 'ingest-form',
  ...visit,
  action,
  timestamp
});

/** A known input set; uploaded latest-first so arrival order is the reverse of time order. */
const EVENTS: VisitEvent[] = [
  event(P1, 'submit', '2024-01-12T09:00:00Z'),
  event(P1, 'not-pass-qc', '2024-01-13T10:00:00Z'),
  event(P1, 'pass-qc', '2024-01-20T10:00:00Z'),
  event(P2, 'submit', '2024-02-03T08:00:00Z'),
  event(P2, 'pass-qc', '2024-02-04T08:00:00+02:00'),
  event(P3, 'submit', '2024-03-05T12:00:00Z'),
  event(P3, 'not-pass-qc', '2024-03-06T12:00:00Z'),
  event(P4, 'submit', '2024-03-15T00:00:00'),
  event(P4, 'delete', '2024-03-16T00:00:00Z')
];

describe('end to end: uploads → checkpoint parquet → DuckDB answers the analyst queries exactly', () => {
  let pipeline: Pipeline;
  let duckdb: DuckDbReader;
  let table: string;

  beforeAll(async () => {
    pipeline = await startPipeline({ deliveriesPerMessage: 3, shuffle: true, seed: 5 });
    for (const [i, e] of [...EVENTS].reverse().entries())
      await pipeline.upload(`${EVENT_PREFIX}${eventFileName(e, i)}`, JSON.stringify(e));
    await pipeline.upload(
      `${EVENT_PREFIX}practice.json`,
      JSON.stringify(event(P1, 'submit', '2024-01-01T00:00:00Z')).replace('ingest-form', 'sandbox-form')
    );
    await pipeline.queue.drained(60_000);
    const object = await pipeline.s3.send(
      new GetObjectCommand({ Bucket: ANALYTICS_BUCKET, Key: 'checkpoints/adrc/form/events.parquet' })
    );
    duckdb = await DuckDbReader.open();
    table = parquetTable(duckdb.file(await object.Body!.transformToByteArray()));
  }, 120_000);

  afterAll(async () => {
    duckdb?.close();
    await pipeline?.stop();
  });

  it('has the column types analysts expect', async () => {
    const types = await duckdb.query(`DESCRIBE SELECT * FROM ${table}`);
    const byName = Object.fromEntries(types.map((r) => [r.column_name, r.column_type]));
    expect(byName).toMatchObject({
      action: 'VARCHAR',
      pipeline_adcid: 'INTEGER',
      visit_number: 'VARCHAR',
      timestamp: 'TIMESTAMP WITH TIME ZONE'
    });
  });

  it('filters by center and counts by action and packet', async () => {
    expect(await duckdb.query(q.rowsAtCenter(table, 'alpha'))).toEqual([{ n: 5 }]);
    expect(await duckdb.query(q.countByAction(table))).toEqual([
      { action: 'delete', n: 1 },
      { action: 'not-pass-qc', n: 2 },
      { action: 'pass-qc', n: 2 },
      { action: 'submit', n: 4 }
    ]);
    expect(await duckdb.query(q.countByPacket(table))).toEqual([
      { packet: 'F', n: 2 },
      { packet: 'I', n: 5 },
      { packet: 'IT', n: 2 }
    ]);
  });

  it('answers date ranges on visit_date and on timestamp (offsets normalised to UTC)', async () => {
    expect(await duckdb.query(q.visitDateRange(table, '2024-02-01', '2024-03-05'))).toEqual([{ n: 4 }]);
    expect(await duckdb.query(q.timestampSince(table, '2024-03-01 00:00:00+00'))).toEqual([{ n: 4 }]);
    expect(await duckdb.query(q.timestampSince(table, '2024-02-04 06:00:00+00'))).toEqual([{ n: 5 }]);
    expect(await duckdb.query(q.timeRange(table))).toEqual([
      { n: 9, first: '2024-01-12 09:00', last: '2024-03-16 00:00' }
    ]);
  });

  it('computes days from visit to submit, QC pass rate and the latest event per visit', async () => {
    expect(await duckdb.query(q.daysToFirstSubmit(table))).toEqual([
      { ptid: 'P1', visit_number: '01', days: 2 },
      { ptid: 'P2', visit_number: '01', days: 2 },
      { ptid: 'P3', visit_number: '02', days: 0 },
      { ptid: 'P4', visit_number: '01', days: 5 }
    ]);
    expect(await duckdb.query(q.qcPassRate(table))).toEqual([{ rate: 0.5 }]);
    expect(await duckdb.query(q.latestPerVisit(table))).toEqual([
      { ptid: 'P1', visit_number: '01', action: 'pass-qc' },
      { ptid: 'P2', visit_number: '01', action: 'pass-qc' },
      { ptid: 'P3', visit_number: '02', action: 'not-pass-qc' },
      { ptid: 'P4', visit_number: '01', action: 'delete' }
    ]);
  });

  it('counts by module × packet × action', async () => {
    expect(await duckdb.query(q.moduleByPacketByAction(table))).toEqual([
      { module: 'FTLD', packet: 'I', action: 'not-pass-qc', n: 1 },
      { module: 'FTLD', packet: 'I', action: 'submit', n: 1 },
      { module: 'LBD', packet: 'IT', action: 'delete', n: 1 },
      { module: 'LBD', packet: 'IT', action: 'submit', n: 1 },
      { module: 'UDS', packet: 'F', action: 'pass-qc', n: 1 },
      { module: 'UDS', packet: 'F', action: 'submit', n: 1 },
      { module: 'UDS', packet: 'I', action: 'not-pass-qc', n: 1 },
      { module: 'UDS', packet: 'I', action: 'pass-qc', n: 1 },
      { module: 'UDS', packet: 'I', action: 'submit', n: 1 }
    ]);
  });
});
