'use strict';
// Parquet library comparison on the checkpoint schema (13 event columns + 3 lineage columns):
// hyparquet-writer/hyparquet (via this library's encoder/decoder) vs DuckDB (@duckdb/node-api).
// Whole operation including conversion from/to JS rows; median of RUNS after a warm-up.
// Usage: node scripts/library-benchmark.js [rows ...]   (default 100000 1000000)
const { performance } = require('perf_hooks');
const { mkdtempSync, readFileSync, rmSync, statSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');
const { DuckDBInstance, DuckDBTimestampTZValue } = require('@duckdb/node-api');

const { encodeCheckpointFile } = require('../lib/parquet/row-group-encoder');
const { MemoryObjectStore, CheckpointTable } = require('../lib/index');
const { makeRows, median } = require('./bench-data');
const { visitEventTable } = require('@reporting/schemas');
const { tableLayout } = require('../lib/table/table-layout');
// The benchmark table: visit events (the checkpoint of the event-log lambda).
const layout = tableLayout(visitEventTable);
const visits = CheckpointTable.of(visitEventTable);
const CHECKPOINT_COLUMNS = layout.columns.map((c) => ({
  name: c.name,
  kind: c.type,
  nullable: c.repetition === 'OPTIONAL'
}));

const RUNS = 3;
const ROW_GROUP = 122_880;

async function time(fn) {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

async function measure(fn) {
  await fn(); // warm-up
  const times = [];
  let value;
  for (let i = 0; i < RUNS; i++) {
    const r = await time(fn);
    times.push(r.ms);
    value = r.value;
  }
  return { ms: median(times), value };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  const folder = mkdtempSync(join(tmpdir(), 'parquet-libs-'));
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const columnsSql = CHECKPOINT_COLUMNS.map(({ name, kind, nullable }) => {
    const type = kind === 'string' ? 'VARCHAR' : kind === 'int32' ? 'INTEGER' : 'TIMESTAMPTZ';
    return `"${name}" ${type}${nullable ? '' : ' NOT NULL'}`;
  }).join(', ');
  const results = [];
  try {
    for (const count of sizes.length ? sizes : [100_000, 1_000_000]) {
      const rows = makeRows(count);

      const hyWrite = await measure(() => encodeCheckpointFile(layout, rows, ROW_GROUP, {}));
      const store = new MemoryObjectStore();
      store.put('k', hyWrite.value);
      const hyRead = await measure(() => visits.readRows(store, 'k'));
      if (hyRead.value.length !== count) throw new Error('hyparquet read lost rows');

      const duckPath = join(folder, `duck-${count}.parquet`);
      const duckWrite = await measure(async () => {
        await duck.run(`CREATE OR REPLACE TABLE t (${columnsSql})`);
        const appender = await duck.createAppender('t');
        for (const row of rows) {
          for (const { name, kind } of CHECKPOINT_COLUMNS) {
            const v = row[name];
            if (v === null) appender.appendNull();
            else if (kind === 'string') appender.appendVarchar(v);
            else if (kind === 'int32') appender.appendInteger(v);
            else appender.appendTimestampTZ(new DuckDBTimestampTZValue(v));
          }
          appender.endRow();
        }
        appender.closeSync();
        await duck.run(`COPY t TO '${duckPath}' (FORMAT parquet, ROW_GROUP_SIZE ${ROW_GROUP})`);
      });
      const duckRead = await measure(async () => {
        const result = await duck.runAndReadAll(`SELECT * FROM read_parquet('${duckPath}')`);
        return result.getRowObjectsJS();
      });
      if (duckRead.value.length !== count) throw new Error('duckdb read lost rows');
      const ourPath = join(folder, `ours-${count}.parquet`);
      require('fs').writeFileSync(ourPath, hyWrite.value);
      const duckCopy = await measure(() =>
        duck.run(
          `COPY (SELECT * FROM read_parquet('${ourPath}')) TO '${join(folder, 'copy.parquet')}' (FORMAT parquet)`
        )
      );
      results.push({
        rows: count,
        'hyparquet-writer write s': (hyWrite.ms / 1000).toFixed(2),
        'hyparquet read→rows s': (hyRead.ms / 1000).toFixed(2),
        'hyparquet file MiB': (hyWrite.value.length / 2 ** 20).toFixed(1),
        'duckdb write (appender+COPY) s': (duckWrite.ms / 1000).toFixed(2),
        'duckdb read→rows s': (duckRead.ms / 1000).toFixed(2),
        'duckdb file MiB': (statSync(duckPath).size / 2 ** 20).toFixed(1),
        'duckdb native COPY rewrite s': (duckCopy.ms / 1000).toFixed(2)
      });
      console.error(JSON.stringify(results.at(-1)));
    }
  } finally {
    duck.closeSync();
    instance.closeSync();
    rmSync(folder, { recursive: true, force: true });
  }
  console.log(`| ${Object.keys(results[0]).join(' | ')} |`);
  console.log(
    `|${Object.keys(results[0])
      .map(() => '---')
      .join('|')}|`
  );
  for (const r of results) console.log(`| ${Object.values(r).join(' | ')} |`);
  console.log(
    `\nnode ${process.version}, ${require('os').cpus().length} cores, median of ${RUNS} after a warm-up`
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
