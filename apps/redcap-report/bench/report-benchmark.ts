import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { CheckpointTable, MemoryObjectStore } from '@reporting/checkpoint-store';
import { type DataDictionaryField, parseRedcapCsv, tableFromDataDictionary } from '@reporting/redcap';
import { createRandom } from '@reporting/utils';
import pl from 'nodejs-polars';

import { RECORDS_PER_BATCH } from '../lib/export-report';
import { tablesForRun } from '../lib/run-table';

/**
 * A REDCap report of RECORDS records × FIELDS export columns (seeded, the same bytes every run) from
 * CSV to parquet, two ways, each in a fresh process so that its peak RSS is its own:
 *  - lambda: what a run of this lambda does after the HTTP answer — the stream into parseRedcapCsv
 *    (typed by the dictionary, column batches of BENCH_BATCH_SIZE=RECORDS_PER_BATCH), streamed into one atomic
 *    replace (each batch encoded as a row group as it comes) into an in-memory object store;
 *  - polars: the approach it replaces — nodejs-polars readCSV (type inference) then writeParquet.
 * Usage: node lib-bench/report-benchmark.js [records=100000] [fields=200] [runs=1]
 * Peak RSS includes the in-memory CSV ("input"), which both hold.
 */
type Approach = 'lambda' | 'polars';
const APPROACHES: Approach[] = ['lambda', 'polars'];

function dictionary(fields: number) {
  const random = createRandom(15);
  const word = () => Math.floor(random() * 36 ** 6).toString(36);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = () =>
    `${1950 + Math.floor(random() * 75)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const kinds: [Omit<DataDictionaryField, 'field_name' | 'form_name'>, () => string][] = [
    [{ field_type: 'text' }, () => word()],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'integer' },
      () => String(Math.floor(random() * 1e6))
    ],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'number' },
      () => (random() * 1000).toFixed(2)
    ],
    [{ field_type: 'text', text_validation_type_or_show_slider_number: 'date_ymd' }, day],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'datetime_seconds_ymd' },
      () =>
        `${day()} ${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}:${pad(Math.floor(random() * 60))}`
    ],
    [{ field_type: 'yesno' }, () => (random() < 0.5 ? '1' : '0')],
    [
      { field_type: 'radio', select_choices_or_calculations: '1, a | 2, b | 3, c' },
      () => String(1 + Math.floor(random() * 3))
    ],
    [{ field_type: 'calc', select_choices_or_calculations: '[x]*2' }, () => String(random() * 100)],
    [{ field_type: 'notes' }, () => `${word()}, ${word()} "${word()}" ${word()}`]
  ];
  const rows: DataDictionaryField[] = [{ field_name: 'record_id', form_name: 'visit', field_type: 'text' }];
  const cells: (() => string)[] = [];
  for (let i = 0; cells.length + 1 < fields; i++) {
    const [row, cell] = kinds[i % kinds.length];
    rows.push({ ...row, field_name: `f${i}`, form_name: 'visit' } as DataDictionaryField);
    cells.push(() => (random() < 0.1 ? '' : cell())); // one value in ten empty, as in real reports
  }
  return { rows, cells };
}

function generateCsv(records: number, fields: number) {
  const { rows, cells } = dictionary(fields);
  const table = tableFromDataDictionary(rows, { name: 'bench', formCompleteColumns: false });
  const header = table.columns.filter((c) => !c.lineage).map((c) => c.name);
  const chunks: Buffer[] = [];
  let pending = `${header.join(',')}\n`;
  const quote = (value: string) => (/[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  for (let r = 0; r < records; r++) {
    let line = String(r + 1);
    for (const cell of cells) line += `,${quote(cell())}`;
    pending += `${line}\n`;
    if (pending.length > 1_000_000) {
      chunks.push(Buffer.from(pending));
      pending = '';
    }
  }
  chunks.push(Buffer.from(pending));
  return { table, chunks, columns: header.length };
}

async function runOne(approach: Approach, records: number, fields: number): Promise<void> {
  const { table, chunks, columns } = generateCsv(records, fields);
  const bytes = chunks.reduce((sum, c) => sum + c.length, 0);
  global.gc?.();
  const rssBefore = process.memoryUsage.rss();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  let parquetBytes = 0;
  if (approach === 'lambda') {
    const tables = tablesForRun('bench', table, undefined);
    const engine = CheckpointTable.of(tables.store);
    const batches = parseRedcapCsv(Readable.from(chunks), tables.parse, {
      exportedAt: new Date(),
      batchSize: Number(process.env.BENCH_BATCH_SIZE ?? RECORDS_PER_BATCH),
      reuseVectors: true // as the lambda parses
    });
    const result = await engine.replaceBatches(new MemoryObjectStore(), 'bench.parquet', batches, {
      key: 'bench',
      version: '1'
    });
    rows = result.rows;
    parquetBytes = result.bytes;
  } else {
    const frame = pl.readCSV(Buffer.concat(chunks));
    rows = frame.height;
    parquetBytes = frame.writeParquet().length;
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(
    JSON.stringify({
      approach,
      rows,
      columns,
      bytes,
      parquetBytes,
      ms,
      cpuMs: (cpu.user + cpu.system) / 1000,
      rssBefore,
      peakRss
    })
  );
}

function main(): void {
  const [records = 100_000, fields = 200, runs = 1] = process.argv.slice(2).map(Number);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log(`${records} records × ${fields} columns, ${runs} run(s) each, Node ${process.version}`);
  type Result = {
    rows: number;
    bytes: number;
    parquetBytes: number;
    ms: number;
    cpuMs: number;
    rssBefore: number;
    peakRss: number;
  };
  const results: Record<Approach, Result[]> = { lambda: [], polars: [] };
  // Interleaved (lambda, polars, lambda, …) so that both see the same machine load.
  for (let run = 0; run < runs; run++) {
    for (const approach of APPROACHES) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, '--expose-gc', __filename, '--run', approach, String(records), String(fields)],
        { encoding: 'utf8', maxBuffer: 1 << 20 }
      );
      results[approach].push(JSON.parse(out) as Result);
    }
  }
  const medians: Record<string, number> = {};
  for (const approach of APPROACHES) {
    const mine = results[approach];
    const times = mine.map((r) => r.ms).sort((a, b) => a - b);
    const cpu = mine.map((r) => r.cpuMs).sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    medians[approach] = median;
    const { rows, bytes, parquetBytes, rssBefore } = mine[0];
    console.log(
      `${approach.padEnd(8)} rows ${rows}  median ${(median / 1000).toFixed(2)} s, CPU ${(cpu[Math.floor(cpu.length / 2)] / 1000).toFixed(2)} s  ` +
        `peak RSS ${mb(Math.max(...mine.map((r) => r.peakRss)))} (before ${mb(rssBefore)}; input ${mb(bytes)})  parquet ${mb(parquetBytes)}`
    );
  }
  console.log(`lambda / polars time: ${(medians.lambda / medians.polars).toFixed(2)}×`);
}

if (process.argv[2] === '--run') {
  runOne(process.argv[3] as Approach, Number(process.argv[4]), Number(process.argv[5])).catch(
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    }
  );
} else {
  main();
}
