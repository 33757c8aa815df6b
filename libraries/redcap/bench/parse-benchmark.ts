import { execFileSync } from 'node:child_process';
import { PerformanceObserver } from 'node:perf_hooks';
import { Readable, pipeline } from 'node:stream';
import { parse } from 'csv-parse';
import { createRandom } from '@reporting/utils';
import pl from 'nodejs-polars';
import { type DataDictionaryField, parseRedcapCsv, tableFromDataDictionary } from '../lib/index';

/**
 * Parsing a REDCap raw CSV export: RECORDS records × FIELDS export columns, generated in memory
 * (seeded, the same bytes in every run), parsed by `parseRedcapCsv` (typed column batches of
 * 10,000, streamed from the in-memory chunks), side by side with nodejs-polars' `readCSV` (type
 * inference) on the same bytes, and Polars' read + parquet write. Each approach runs in a fresh
 * process so that its peak RSS is its own.
 * Usage: node lib-bench/parse-benchmark.js [records=100000] [fields=200] [runs=3]
 * Peak RSS includes the in-memory CSV (printed as "input"), which every approach holds. CPU time
 * (user + system, all threads: Polars reads with several) is printed beside wall time because a
 * shared machine's load moves wall time a lot.
 */
type Approach = 'redcap' | 'csv-parse-only' | 'polars-read' | 'polars-read+parquet';
// csv-parse-only: the floor under parseRedcapCsv (the same parser options, records counted, not converted).
const APPROACHES: Approach[] = ['redcap', 'csv-parse-only', 'polars-read', 'polars-read+parquet'];

/** A dictionary of FIELDS export columns cycling through the field kinds, and a cell generator per column. */
function dictionary(fields: number) {
  const random = createRandom(15);
  const word = () => Math.floor(random() * 36 ** 6).toString(36);
  const pad = (n: number) => String(n).padStart(2, '0');
  const day = () =>
    `${1950 + Math.floor(random() * 75)}-${pad(1 + Math.floor(random() * 12))}-${pad(1 + Math.floor(random() * 28))}`;
  const kinds: [
    Pick<
      DataDictionaryField,
      'field_type' | 'select_choices_or_calculations' | 'text_validation_type_or_show_slider_number'
    >,
    () => string
  ][] = [
    [{ field_type: 'text' }, () => word()],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'integer' },
      () => String(Math.floor(random() * 1e6))
    ],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'number_2dp' },
      () => (random() * 1000).toFixed(2)
    ],
    [{ field_type: 'text', text_validation_type_or_show_slider_number: 'date_mdy' }, day],
    [
      { field_type: 'text', text_validation_type_or_show_slider_number: 'datetime_ymd' },
      () => `${day()} ${pad(Math.floor(random() * 24))}:${pad(Math.floor(random() * 60))}`
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
    const name = `f${i}`;
    if (i % 10 === 9 && cells.length + 4 < fields) {
      rows.push({
        field_name: name,
        form_name: 'visit',
        field_type: 'checkbox',
        select_choices_or_calculations: '1, a | 2, b | 3, c | 4, d'
      });
      for (let c = 0; c < 4; c++) cells.push(() => (random() < 0.3 ? '1' : '0'));
      continue;
    }
    const [row, cell] = kinds[i % kinds.length];
    rows.push({ ...row, field_name: name, form_name: 'visit' });
    // One value in ten is empty, as in real reports.
    cells.push(() => (random() < 0.1 ? '' : cell()));
  }
  return { rows, cells };
}

/** The CSV body (header, then one line per record) as ~1 MB chunks, generated from a fixed seed. */
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
  let gcMs = 0;
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcMs += entry.duration;
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  const rssBefore = process.memoryUsage.rss();
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let rows = 0;
  if (approach === 'redcap') {
    for await (const batch of parseRedcapCsv(Readable.from(chunks), table, {
      exportedAt: new Date(),
      batchSize: Number(process.env.BENCH_BATCH_SIZE ?? 10_000)
    })) {
      rows += batch.rowCount;
    }
  } else if (approach === 'csv-parse-only') {
    const parser = parse({ bom: true, info: true, skip_empty_lines: true });
    pipeline(Readable.from(chunks), parser, () => undefined);
    for await (const record of parser) rows += record === undefined ? 0 : 1;
    rows -= 1; // the header
  } else {
    const frame = pl.readCSV(Buffer.concat(chunks));
    rows = frame.height;
    if (approach === 'polars-read+parquet') frame.writeParquet();
  }
  const ms = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  await new Promise((resolve) => setTimeout(resolve, 50)); // the observer's last entries
  gcObserver.disconnect();
  const peakRss = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ approach, rows, columns, bytes, ms, cpuMs, gcMs, rssBefore, peakRss }));
}

function main(): void {
  const [records = 100_000, fields = 200, runs = 3] = process.argv.slice(2).map(Number);
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(0)} MB`;
  console.log(`${records} records × ${fields} columns, ${runs} runs each, Node ${process.version}`);
  for (const approach of APPROACHES) {
    const results = Array.from({ length: runs }, () => {
      const out = execFileSync(
        process.execPath,
        ['--expose-gc', __filename, '--run', approach, String(records), String(fields)],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 20
        }
      );
      return JSON.parse(out) as {
        rows: number;
        bytes: number;
        ms: number;
        cpuMs: number;
        gcMs: number;
        rssBefore: number;
        peakRss: number;
      };
    });
    const gcTimes = results.map((r) => r.gcMs).sort((a, b) => a - b);
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const cpuTimes = results.map((r) => r.cpuMs).sort((a, b) => a - b);
    const peak = Math.max(...results.map((r) => r.peakRss));
    const { rows, bytes, rssBefore } = results[0];
    console.log(
      `${approach.padEnd(20)} rows ${rows}  median ${(times[Math.floor(times.length / 2)] / 1000).toFixed(2)} s ` +
        `(min ${(times[0] / 1000).toFixed(2)}), CPU ${(cpuTimes[Math.floor(cpuTimes.length / 2)] / 1000).toFixed(2)} s (GC ${(gcTimes[Math.floor(gcTimes.length / 2)] / 1000).toFixed(2)} s)  peak RSS ${mb(peak)} (before parsing ${mb(rssBefore)}; input ${mb(bytes)})`
    );
  }
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
