'use strict';
// Why is DuckDB's group-by slower on our compacted checkpoint than on a DuckDB-written file of the
// same rows? Writes the same rows (synthetic, production-shaped, sorted by timestamp as a full
// compaction stores them) with hyparquet-writer option variants — page size, compression,
// statistics, dictionary, row-group size — plus DuckDB's own COPY, and times DuckDB queries on each.
// Runs are interleaved (one run of every file per round) so that load changes hit all variants alike.
// Usage: node scripts/parquet-variants-benchmark.js [rows] [rounds] [duckdb threads] [variant regex]
//   (default 1000000 9, DuckDB's default thread count, every variant)
// With ORDER_CHECK=1 it also times the group-by on the library's file and DuckDB's in back-to-back
// blocks (7 runs of one file, then 7 of the other, both orders) next to interleaved runs, three
// times: how much the measuring order alone moves the ratio on this machine.
const { mkdtempSync, rmSync, statSync, writeFileSync } = require('fs');
const { tmpdir, cpus, loadavg } = require('os');
const { join } = require('path');
const { performance } = require('perf_hooks');

const { ByteWriter, ParquetWriter } = require('hyparquet-writer');
const { visitEventTable } = require('@reporting/schemas');
const { tableLayout } = require('../lib/table/table-layout');
// The benchmark table: visit events (the checkpoint of the event-log lambda).
const layout = tableLayout(visitEventTable);
const CHECKPOINT_COLUMNS = layout.columns.map((c) => ({ name: c.name, kind: c.type }));
const checkpointSchemaElements = () => layout.schemaElements.map((element) => ({ ...element }));
const { rewriteGroupRows } = require('../lib/append');
const { ANALYST_QUERIES: QUERIES, makeRows, median } = require('./bench-data');

/** Encodes rows with hyparquet-writer as the library does (encodeColumnsAsFile), with overrides. */
function encode(rows, variant) {
  const groupRows = variant.rowGroupRows ?? rewriteGroupRows(rows.length, {});
  const writer = new ByteWriter(rows.length * 64);
  const parquet = new ParquetWriter({
    writer,
    schema: checkpointSchemaElements(),
    createdBy: 'variants-benchmark',
    ...(variant.codec ? { codec: variant.codec } : {}),
    ...(variant.statistics === false ? { statistics: false } : {})
  });
  for (let start = 0; start < rows.length; start += groupRows) {
    const slice = rows.slice(start, start + groupRows);
    const columnData = CHECKPOINT_COLUMNS.map(({ name, kind }) => {
      const source = { name, data: slice.map((r) => r[name]), offsetIndex: false, columnIndex: false };
      if (kind === 'timestamp') source.encoding = variant.timestampEncoding ?? 'DELTA_BINARY_PACKED';
      if (variant.plain?.includes(name)) source.encoding = 'PLAIN';
      return source;
    });
    parquet.write({
      columnData,
      rowGroupSize: slice.length,
      ...(variant.pageSize ? { pageSize: variant.pageSize } : {})
    });
  }
  parquet.finish();
  return writer.getBytes();
}

const VARIANTS = [
  { name: 'library today (v2 pages, SNAPPY, 1 MiB pages, dictionary, statistics)' },
  { name: 'pages 64 KiB', pageSize: 64 * 1024 },
  { name: 'pages 256 KiB', pageSize: 256 * 1024 },
  { name: 'one page per column chunk', pageSize: 2 ** 30 },
  { name: 'UNCOMPRESSED', codec: 'UNCOMPRESSED' },
  { name: 'no statistics', statistics: false },
  { name: 'no dictionary for module, packet, action', plain: ['module', 'packet', 'action'] },
  { name: 'timestamp PLAIN instead of DELTA_BINARY_PACKED', timestampEncoding: 'PLAIN' },
  { name: 'row groups 61,440', rowGroupRows: 61_440 },
  { name: 'row groups 245,760', rowGroupRows: 245_760 }
];

async function orderCheck(duck, oursPath, duckPath) {
  const sql = (path) => QUERIES['count by module × packet × action'].replace('$f', `'${path}'`);
  const once = async (path) => {
    const started = performance.now();
    await duck.runAndReadAll(sql(path));
    return performance.now() - started;
  };
  const block = async (path) => {
    await once(path);
    const times = [];
    for (let i = 0; i < 7; i++) times.push(await once(path));
    return median(times);
  };
  const ratio = (ours, theirs) => `${ours.toFixed(1)} / ${theirs.toFixed(1)} = ${(ours / theirs).toFixed(2)}`;
  for (let repeat = 0; repeat < 3; repeat++) {
    const oursFirst = [await block(oursPath), await block(duckPath)];
    const duckFirst = [await block(duckPath), await block(oursPath)].reverse();
    const interleaved = [[], []];
    for (let i = 0; i < 7; i++) {
      interleaved[0].push(await once(oursPath));
      interleaved[1].push(await once(duckPath));
    }
    console.log(
      `order check ${repeat + 1}, group-by ms ours / DuckDB's: ours first ${ratio(...oursFirst)}; DuckDB's first ${ratio(...duckFirst)}; interleaved ${ratio(median(interleaved[0]), median(interleaved[1]))}; load ${loadavg()[0].toFixed(1)}`
    );
  }
}

async function main() {
  const count = Number(process.argv[2] ?? 1_000_000);
  const rounds = Number(process.argv[3] ?? 9);
  const threads = process.argv[4] ? Number(process.argv[4]) : undefined;
  const only = process.argv[5] ? new RegExp(process.argv[5]) : undefined;
  const { DuckDBInstance } = require('@duckdb/node-api');
  const folder = mkdtempSync(join(tmpdir(), 'parquet-variants-'));
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  if (threads) await duck.run(`SET threads = ${threads}`);
  try {
    const rows = makeRows(count).sort((a, b) =>
      a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0
    );
    const files = [];
    for (const [index, variant] of VARIANTS.entries()) {
      if (index > 0 && only && !only.test(variant.name)) continue;
      const path = join(folder, `variant-${index}.parquet`);
      const started = performance.now();
      writeFileSync(path, encode(rows, variant));
      files.push({ name: variant.name, path, writeMs: performance.now() - started });
      console.error(`wrote ${variant.name}`);
    }
    const duckPath = join(folder, 'duckdb.parquet');
    await duck.run(
      `COPY (SELECT * FROM read_parquet('${files[0].path}') ORDER BY "timestamp") TO '${duckPath}' (FORMAT parquet)`
    );
    files.push({ name: 'DuckDB COPY … ORDER BY timestamp (defaults)', path: duckPath, writeMs: NaN });

    // Wall time, and CPU time of this process (DuckDB's threads included), which waiting for a core
    // on a loaded machine does not inflate.
    const times = files.map(() => Object.fromEntries(Object.keys(QUERIES).map((q) => [q, []])));
    const cpuTimes = files.map(() => Object.fromEntries(Object.keys(QUERIES).map((q) => [q, []])));
    for (let round = -1; round < rounds; round++) {
      for (const [query, sql] of Object.entries(QUERIES)) {
        for (const [i, file] of files.entries()) {
          const started = performance.now();
          const usage = process.cpuUsage();
          await duck.runAndReadAll(sql.replace('$f', `'${file.path}'`));
          const used = process.cpuUsage(usage);
          if (round >= 0) {
            // round -1 warms up
            times[i][query].push(performance.now() - started);
            cpuTimes[i][query].push((used.user + used.system) / 1000);
          }
        }
      }
    }

    if (process.env.ORDER_CHECK === '1') await orderCheck(duck, files[0].path, duckPath);

    const duckIndex = files.length - 1;
    const names = Object.keys(QUERIES);
    console.log(
      `| file | MiB | size vs DuckDB | ${names.map((n) => `${n} ms | ratio | CPU ms | CPU ratio`).join(' | ')} |`
    );
    console.log(`|---|---|---|${names.map(() => '---|---|---|---|').join('')}`);
    const duckSize = statSync(duckPath).size;
    for (const [i, file] of files.entries()) {
      const size = statSync(file.path).size;
      const cells = names.map((n) => {
        const ms = median(times[i][n]);
        const cpuMs = median(cpuTimes[i][n]);
        return `${ms.toFixed(1)} | ${(ms / median(times[duckIndex][n])).toFixed(2)} | ${cpuMs.toFixed(1)} | ${(cpuMs / median(cpuTimes[duckIndex][n])).toFixed(2)}`;
      });
      console.log(
        `| ${file.name} | ${(size / 2 ** 20).toFixed(1)} | ${(size / duckSize).toFixed(2)} | ${cells.join(' | ')} |`
      );
    }
    console.log(
      `\n${count.toLocaleString('en')} rows, median of ${rounds} interleaved rounds after a warm-up; DuckDB threads ${threads ?? 'default'}; node ${process.version}, ${cpus().length} cores, load average ${require('os')
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    );

    // What DuckDB sees in the two files for the group-by columns.
    for (const path of [files[0].path, duckPath]) {
      const reader = await duck.runAndReadAll(
        `SELECT path_in_schema AS col, count(*) AS row_groups, any_value(encodings) AS encodings, any_value(compression) AS codec, sum(total_compressed_size) AS bytes, sum(total_uncompressed_size) AS raw FROM parquet_metadata('${path}') WHERE path_in_schema IN ('module','packet','action') GROUP BY ALL ORDER BY col`
      );
      console.log(
        `\n${path === duckPath ? 'DuckDB file' : 'our file'}: ${JSON.stringify(reader.getRowObjectsJson())}`
      );
    }
  } finally {
    duck.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
