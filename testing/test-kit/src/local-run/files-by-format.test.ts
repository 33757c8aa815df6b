import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDbReader } from '../duckdb-reader';
import type { LocalPipeline } from '../pipeline/local-pipeline';
import type { SampleFile } from '../samples/sample-files';
import { checkpointRowsReport } from './checkpoint-rows';
import { filesByFormat, formatOutcomeLines } from './files-by-format';

/** A checkpoint as DuckDB writes one: rows of these source keys. */
async function parquetOf(sourceKeys: string[]): Promise<Uint8Array> {
  const duckdb = await DuckDbReader.open();
  try {
    const file = join(duckdb.folder, 'checkpoint.parquet');
    const values = sourceKeys.map((key, i) => `(${i}, '${key}')`).join(', ');
    await duckdb.query(
      `COPY (SELECT * FROM (VALUES ${values}) AS t(n, source_key)) TO '${file}' (FORMAT parquet)`
    );
    return readFileSync(file);
  } finally {
    duckdb.close();
  }
}

/** The part of a local pipeline the report reads: its checkpoints and quarantine. */
function pipelineWith(checkpoints: Record<string, Uint8Array>, quarantined: string[]): LocalPipeline {
  return {
    buckets: { source: 'input', checkpoint: 'analytics' },
    checkpointKeys: async () => Object.keys(checkpoints),
    checkpointBytes: async (key: string) => checkpoints[key],
    quarantine: async () => quarantined.map((key) => ({ source_key: key, reasons: ['x'] }))
  } as unknown as LocalPipeline;
}

const file = (key: string, format?: SampleFile['format']): SampleFile<unknown> => ({
  key,
  body: Buffer.from(''),
  expect: 'valid',
  ...(format ? { format } : {})
});

describe('files by format', () => {
  it('counts the files of each format a checkpoint stores rows of and the quarantined ones', async () => {
    const pipeline = pipelineWith(
      {
        'checkpoints/a/events.parquet': await parquetOf(['s3://input/p/a.json', 's3://input/p/c.csv']),
        'checkpoints/b/events.parquet': await parquetOf(['s3://input/p/c.csv', 's3://input/p/d.ndjson'])
      },
      ['p/bad.csv', 'p/bad.json']
    );
    const files = [
      file('p/a.json', 'json'),
      file('p/bad.json', 'json'),
      file('p/c.csv', 'csv'),
      file('p/bad.csv', 'csv'),
      file('p/lost.csv', 'csv'),
      file('p/d.ndjson', 'ndjson')
    ];
    const outcomes = await filesByFormat(pipeline, files);
    expect(outcomes).toEqual([
      { format: 'json', uploaded: 2, stored: 1, quarantined: 1 },
      { format: 'ndjson', uploaded: 1, stored: 1, quarantined: 0 },
      { format: 'csv', uploaded: 3, stored: 1, quarantined: 1 }
    ]);
    expect(formatOutcomeLines(outcomes)).toEqual([
      'files by format:',
      '  json       1 stored, 1 quarantined of 2',
      '  ndjson     1 stored, 0 quarantined of 1',
      '  csv        1 stored, 1 quarantined of 3'
    ]);
    expect(await checkpointRowsReport(pipeline)).toBe(
      'checkpoints/a/events.parquet\n  rows 2\ncheckpoints/b/events.parquet\n  rows 2\n' +
        'columns (DuckDB): n INTEGER, source_key VARCHAR'
    );
  });

  it('says nothing when no file says its format (files of one kind, e.g. event logs)', async () => {
    const pipeline = pipelineWith({}, []);
    expect(await filesByFormat(pipeline, [file('p/a.json')])).toEqual([]);
    expect(formatOutcomeLines([])).toEqual([]);
  });
});
