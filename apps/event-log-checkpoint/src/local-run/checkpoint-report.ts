import { DuckDbReader, type LocalPipeline } from '@reporting/test-kit';
import { analystQueries as q, parquetTable } from '../analytics/analyst-queries';

export interface CheckpointReport {
  key: string;
  rows: number;
  byAction: Record<string, number>;
  qcPassRate: number | null;
  first: string;
  last: string;
}

/** What an analyst wants to see first, per checkpoint, read back from the parquet with DuckDB. */
export async function reportCheckpoints(pipeline: LocalPipeline): Promise<CheckpointReport[]> {
  const duckdb = await DuckDbReader.open();
  try {
    const reports: CheckpointReport[] = [];
    for (const key of (await pipeline.checkpointKeys()).filter((k) => k.endsWith('.parquet'))) {
      const table = parquetTable(duckdb.file(await pipeline.checkpointBytes(key)));
      const [range] = await duckdb.query(q.timeRange(table));
      const actions = await duckdb.query(q.countByAction(table));
      const [rate] = await duckdb.query(q.qcPassRate(table));
      reports.push({
        key,
        rows: range.n as number,
        byAction: Object.fromEntries(actions.map((a) => [a.action as string, a.n as number])),
        qcPassRate: (rate.rate as number | null) ?? null,
        first: range.first as string,
        last: range.last as string
      });
    }
    return reports;
  } finally {
    duckdb.close();
  }
}

export function formatReports(reports: readonly CheckpointReport[]): string {
  return reports
    .map((r) => {
      const actions = Object.entries(r.byAction)
        .map(([action, n]) => `${action} ${n}`)
        .join(', ');
      const rate = r.qcPassRate === null ? 'n/a' : `${(r.qcPassRate * 100).toFixed(1)} %`;
      return `${r.key}\n  rows ${r.rows} | ${actions} | QC pass rate ${rate} | ${r.first} → ${r.last} UTC`;
    })
    .join('\n');
}
