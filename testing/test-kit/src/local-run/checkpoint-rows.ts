import { DuckDbReader } from '../duckdb-reader';
import type { LocalPipeline } from '../pipeline/local-pipeline';

/**
 * Per checkpoint, read back from the parquet with DuckDB: its rows, its columns' DuckDB types and the
 * files its rows came from (its lineage column `source_key`, when the table has one).
 */
export async function describeCheckpoints(
  pipeline: LocalPipeline
): Promise<{ key: string; rows: number; types: Record<string, string>; sourceKeys: string[] }[]> {
  const duckdb = await DuckDbReader.open();
  try {
    const reports = [];
    for (const key of (await pipeline.checkpointKeys()).filter((k) => k.endsWith('.parquet'))) {
      const file = duckdb.file(await pipeline.checkpointBytes(key));
      const [count] = await duckdb.query(`SELECT count(*)::INTEGER AS n FROM read_parquet('${file}')`);
      const types = await duckdb.types(file);
      const sources =
        'source_key' in types
          ? await duckdb.query(`SELECT DISTINCT source_key FROM read_parquet('${file}')`)
          : [];
      reports.push({
        key,
        rows: count.n as number,
        types,
        sourceKeys: sources.map((r) => r.source_key as string)
      });
    }
    return reports;
  } finally {
    duckdb.close();
  }
}

/** The local run's report for any table: each checkpoint's key and rows, then its columns once. */
export async function checkpointRowsReport(pipeline: LocalPipeline): Promise<string> {
  const reports = await describeCheckpoints(pipeline);
  const lines = reports.map((r) => `${r.key}\n  rows ${r.rows}`);
  if (reports.length > 0) {
    const columns = Object.entries(reports[0].types).map(([name, type]) => `${name} ${type}`);
    lines.push(`columns (DuckDB): ${columns.join(', ')}`);
  }
  return lines.join('\n');
}
