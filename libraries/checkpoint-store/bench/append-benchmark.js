'use strict';
// Append benchmark on the local S3 (@reporting/local-aws): one-row appends to checkpoints of
// 10k / 100k / 1M rows, side by side with a full rewrite by this library and DuckDB's native
// rewrite; bytes uploaded per append; peak RSS of the append path and of a full compaction at
// 1M rows (each measured in a child process that does only that); DuckDB query timings on our
// compacted file vs a DuckDB-written file of the same rows.
// Usage: node scripts/append-benchmark.js [rows ...]   (default 10000 100000 1000000)
const { spawn } = require('child_process');
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require('fs');
const { tmpdir, cpus, loadavg } = require('os');
const { join } = require('path');
const { performance } = require('perf_hooks');

const lib = require('../lib/index');
const { CheckpointSnapshot } = require('../lib/checkpoint-snapshot');
const { readAppliedSources } = require('../lib/append');
const { footerKeyValues } = require('../lib/footer-key-values');
const { encodeCheckpointFile } = require('../lib/parquet/row-group-encoder');
const { AppliedSources } = require('../lib/sources/applied-sources');
const { ANALYST_QUERIES, makeRows, eventFields, median, percentile } = require('./bench-data');
const { visitEventTable } = require('@reporting/schemas');
const { tableLayout } = require('../lib/table/table-layout');
// The benchmark table: visit events (the checkpoint of the event-log lambda).
const layout = tableLayout(visitEventTable);
const visits = lib.CheckpointTable.of(visitEventTable);

const BUCKET = 'bench';
const APPENDS = 25;
const REWRITES = 3;
// Query timings are a few tens of ms on a shared 2-core machine: runs of the two files are
// interleaved (alternating which goes first), since back-to-back blocks of one file then the other
// gave ratios from 0.5 to 1.7 for the same two files (scripts/parquet-variants-benchmark.js).
const QUERY_RUNS = 15;
const silent = { info: () => undefined, warn: () => undefined };

function s3Store(endpoint) {
  const { createLocalS3Client } = require('@reporting/local-aws');
  const client = createLocalS3Client(endpoint, {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  return { client, store: new lib.S3ObjectStore(client, BUCKET) };
}

function newRow(i) {
  return eventFields(makeRows(1, 1_000_000 + i)[0]);
}

/** Peak resident memory of this process image in MB (VmHWM; getrusage's maxRSS survives exec). */
function peakRssMb() {
  const status = readFileSync('/proc/self/status', 'utf8');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) / 1024 : process.resourceUsage().maxRSS / 1024;
}

/** Child: one-row appends only; prints timings and peak RSS as JSON. */
async function childAppend(endpoint, key, count, offset) {
  const { client, store } = s3Store(endpoint);
  const times = [];
  const uploaded = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const result = await visits.append(store, key, [newRow(offset + i)], {
      key: `bench/${offset + i}`,
      version: '1'
    });
    times.push(performance.now() - started);
    uploaded.push(result.bytesUploaded);
  }
  client.destroy();
  process.stdout.write(JSON.stringify({ times, uploaded, maxRssMb: peakRssMb() }));
}

/**
 * The library's own time per append: the same appends against an in-memory store that costs
 * nothing (no copying, no hashing), so only footer parsing, encoding and footer writing remain.
 */
async function libraryOnlyAppendMs(file, count) {
  // The object is kept as a list of chunks: a copied prefix is a view, never a copy.
  let chunks = [file];
  let size = file.length;
  let etag = 'e0';
  const range = (start, end) => {
    const out = new Uint8Array(end - start);
    let offset = 0;
    for (const chunk of chunks) {
      const from = Math.max(start, offset);
      const to = Math.min(end, offset + chunk.length);
      if (from < to) out.set(chunk.subarray(from - offset, to - offset), from - start);
      offset += chunk.length;
    }
    return out;
  };
  const store = {
    minimumPrefixBytes: 1,
    readTail: async (_key, length) => ({ bytes: range(Math.max(0, size - length), size), etag, size }),
    readRange: async (_key, start, end) => range(start, end),
    write: async () => {
      throw new Error('unexpected whole-object write');
    },
    writeWithCopiedPrefix: async (_key, prefix, tail) => {
      const kept = [];
      let offset = 0;
      for (const chunk of chunks) {
        if (offset >= prefix.length) break;
        kept.push(chunk.subarray(0, Math.min(chunk.length, prefix.length - offset)));
        offset += chunk.length;
      }
      chunks = [...kept, tail];
      size = prefix.length + tail.length;
      etag = `e${Math.random()}`;
      return { etag };
    }
  };
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await visits.append(store, 'k', [newRow(10_000 + i)], { key: `library/${i}`, version: '1' });
    times.push(performance.now() - started);
  }
  return median(times);
}

/** Child: one full compaction; prints its time and peak RSS. */
async function childCompact(endpoint, key) {
  const { client, store } = s3Store(endpoint);
  const started = performance.now();
  const result = await visits.compact(store, key, { logger: silent });
  const ms = performance.now() - started;
  client.destroy();
  process.stdout.write(JSON.stringify({ ms, result, maxRssMb: peakRssMb() }, bigints));
}

function bigints(_key, value) {
  return typeof value === 'bigint' ? value.toString() : value;
}

function runChild(args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [__filename, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`child exited ${code}`))
    );
  });
}

/** This library without the byte-level path: read everything, add the row, write everything. */
async function fullRewriteOurs(store, key, row) {
  const snapshot = await CheckpointSnapshot.read(store, key);
  const rows = await visits.readRows(store, key);
  rows.push({ ...row, source_key: 'rewrite', source_version: '1', ingested_at: 0n });
  const applied = readAppliedSources(snapshot, 4096);
  const body = encodeCheckpointFile(
    layout,
    rows,
    lib.DEFAULT_ROW_GROUP_ROWS,
    footerKeyValues(layout, applied)
  );
  await store.write(key, body, { ifMatch: snapshot.etag });
  return body.length;
}

function sqlLiteral(value) {
  if (value === null) return 'NULL';
  if (typeof value === 'bigint') return `(TIMESTAMPTZ 'epoch' + to_microseconds(${value}))`;
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

/** DuckDB's native rewrite: download, COPY (old ∪ new row) to a new file, upload with If-Match. */
async function fullRewriteDuckDb(store, key, row, duck, folder) {
  const snapshot = await CheckpointSnapshot.read(store, key);
  const bytes = await snapshot.bytes(0, snapshot.byteLength);
  const oldPath = join(folder, 'old.parquet');
  const newPath = join(folder, 'new.parquet');
  writeFileSync(oldPath, bytes);
  const values = layout.columns.map(({ name }) =>
    name === 'source_key'
      ? "'rewrite'"
      : name === 'source_version'
        ? "'1'"
        : name === 'ingested_at'
          ? 'now()'
          : sqlLiteral(row[name])
  );
  await duck.run(
    `COPY (SELECT * FROM read_parquet('${oldPath}') UNION ALL SELECT ${values.join(', ')}) TO '${newPath}' (FORMAT parquet)`
  );
  const body = new Uint8Array(readFileSync(newPath));
  await store.write(key, body, { ifMatch: snapshot.etag });
  return body.length;
}

/**
 * Medians of interleaved runs of the same query on two files (one warm-up each): wall time, and
 * CPU time of this process (DuckDB's threads included), which waiting for a core does not inflate.
 */
async function timeQueryPair(duck, sql, firstPath, secondPath) {
  const paths = [firstPath, secondPath];
  const wall = [[], []];
  const cpu = [[], []];
  const once = async (i) => {
    const started = performance.now();
    const usage = process.cpuUsage();
    await duck.runAndReadAll(sql.replace('$f', `'${paths[i]}'`));
    const used = process.cpuUsage(usage);
    return [performance.now() - started, (used.user + used.system) / 1000];
  };
  await once(0);
  await once(1);
  for (let run = 0; run < QUERY_RUNS; run++) {
    const order = run % 2 === 0 ? [0, 1] : [1, 0];
    for (const i of order) {
      const [wallMs, cpuMs] = await once(i);
      wall[i].push(wallMs);
      cpu[i].push(cpuMs);
    }
  }
  return { wall: [median(wall[0]), median(wall[1])], cpu: [median(cpu[0]), median(cpu[1])] };
}

async function main() {
  const sizes = process.argv.slice(2).map(Number);
  const { startLocalS3 } = require('@reporting/local-aws');
  const { DuckDBInstance } = require('@duckdb/node-api');
  const s3 = await startLocalS3({ buckets: [BUCKET] });
  const { client, store } = s3Store(s3.endpoint);
  const folder = mkdtempSync(join(tmpdir(), 'append-bench-'));
  const instance = await DuckDBInstance.create(':memory:');
  const duck = await instance.connect();
  const table = [];
  let big;
  try {
    for (const count of sizes.length ? sizes : [10_000, 100_000, 1_000_000]) {
      const key = `checkpoints/${count}/events.parquet`;
      // As if built by one append per source file and then compacted: every row has its own
      // source, and the footer records the most recent 4096 of them.
      const seedRows = makeRows(count);
      const applied = new AppliedSources();
      for (const row of seedRows.slice(-4096))
        applied.add({ key: row.source_key, version: row.source_version });
      const seed = encodeCheckpointFile(
        layout,
        seedRows,
        lib.DEFAULT_ROW_GROUP_ROWS,
        footerKeyValues(layout, applied)
      );
      await store.write(key, seed, { ifNoneMatch: '*' });
      await store.write(`${key}.rewrites`, seed, { ifNoneMatch: '*' });
      const libraryMs = await libraryOnlyAppendMs(seed, APPENDS);
      const sizeMb = seed.length / 2 ** 20;

      const wire = [];
      const stop = s3.onRequest((r) => {
        if (r.key === key && r.wireBytes > 0) wire.push(r.wireBytes);
      });
      const appended = await runChild(['--child-append', s3.endpoint, key, String(APPENDS), '0']);
      stop();
      const wirePerAppend = wire.reduce((a, b) => a + b, 0) / APPENDS;

      const ours = [];
      const natives = [];
      for (let i = 0; i < REWRITES; i++) {
        let started = performance.now();
        await fullRewriteOurs(store, `${key}.rewrites`, newRow(500 + i));
        ours.push(performance.now() - started);
        started = performance.now();
        await fullRewriteDuckDb(store, `${key}.rewrites`, newRow(600 + i), duck, folder);
        natives.push(performance.now() - started);
      }
      const stats = await visits.stats(store, key);
      table.push({
        rows: count,
        fileMiB: sizeMb,
        appendMedianMs: median(appended.times),
        appendP90Ms: percentile(appended.times, 90),
        uploadedMedianKiB: median(appended.uploaded) / 1024,
        wireKiB: wirePerAppend / 1024,
        appendRssMb: appended.maxRssMb,
        libraryMs,
        oursRewriteMs: median(ours),
        duckRewriteMs: median(natives),
        rowGroups: stats.rowGroups,
        footerKiB: stats.footerBytes / 1024
      });
      console.error(JSON.stringify(table.at(-1)));
      big = { key, count };
    }

    // Full compaction of the largest checkpoint, then DuckDB queries on it vs a DuckDB-written copy.
    const compaction = await runChild(['--child-compact', s3.endpoint, big.key]);
    console.error(JSON.stringify(compaction));
    const snapshot = await CheckpointSnapshot.read(store, big.key);
    const ourPath = join(folder, 'ours.parquet');
    const duckPath = join(folder, 'duck.parquet');
    writeFileSync(ourPath, await snapshot.bytes(0, snapshot.byteLength));
    await duck.run(
      `COPY (SELECT * FROM read_parquet('${ourPath}') ORDER BY "timestamp") TO '${duckPath}' (FORMAT parquet)`
    );
    const size = (path) => readFileSync(path).length;
    const queryRows = [];
    for (const [name, sql] of Object.entries(ANALYST_QUERIES)) {
      const { wall, cpu } = await timeQueryPair(duck, sql, ourPath, duckPath);
      queryRows.push({ name, oursMs: wall[0], duckMs: wall[1], oursCpuMs: cpu[0], duckCpuMs: cpu[1] });
    }

    const f = (n, d = 1) => Number(n).toFixed(d);
    console.log(
      '| rows | file MiB | row groups | footer KiB | append median ms | append p90 ms | uploaded per append KiB (median) | on the wire per append KiB (mean) | append peak RSS MB | library-only time per append ms (median) | full rewrite (ours) ms | DuckDB native rewrite ms |'
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of table) {
      console.log(
        `| ${r.rows.toLocaleString('en')} | ${f(r.fileMiB)} | ${r.rowGroups} | ${f(r.footerKiB)} | ${f(r.appendMedianMs)} | ${f(r.appendP90Ms)} | ${f(r.uploadedMedianKiB)} | ${f(r.wireKiB)} | ${f(r.appendRssMb, 0)} | ${f(r.libraryMs)} | ${f(r.oursRewriteMs, 0)} | ${f(r.duckRewriteMs, 0)} |`
      );
    }
    const first = table[0];
    const last = table.at(-1);
    console.log(`\nt(${last.rows}) / t(${first.rows}) = ${f(last.appendMedianMs / first.appendMedianMs, 2)}`);
    console.log(
      `\nFull compaction of ${big.count.toLocaleString('en')} rows (+ appended rows): ${f(compaction.ms / 1000, 1)} s, peak RSS ${f(compaction.maxRssMb, 0)} MB, ${compaction.result.rowGroupsBefore} → ${compaction.result.rowGroupsAfter} row groups, ${f(compaction.result.bytesBefore / 2 ** 20)} → ${f(compaction.result.bytesAfter / 2 ** 20)} MiB`
    );
    console.log(
      `\n| DuckDB query (median of ${QUERY_RUNS}, interleaved) | our compacted file ms | DuckDB-written file ms | ratio | CPU ms ours | CPU ms DuckDB's | CPU ratio |`
    );
    console.log('|---|---|---|---|---|---|---|');
    for (const q of queryRows)
      console.log(
        `| ${q.name} | ${f(q.oursMs)} | ${f(q.duckMs)} | ${f(q.oursMs / q.duckMs, 2)} | ${f(q.oursCpuMs)} | ${f(q.duckCpuMs)} | ${f(q.oursCpuMs / q.duckCpuMs, 2)} |`
      );
    console.log(
      `\nFile size: ours ${f(size(ourPath) / 2 ** 20)} MiB, DuckDB-written ${f(size(duckPath) / 2 ** 20)} MiB (ratio ${f(size(ourPath) / size(duckPath), 2)})`
    );
    console.log(
      `\nnode ${process.version}, ${cpus().length} cores, local S3 (@reporting/local-aws) on loopback, load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    );
  } finally {
    duck.closeSync();
    instance.closeSync();
    client.destroy();
    await s3.stop();
    rmSync(folder, { recursive: true, force: true });
  }
}

const [mode, ...args] = process.argv.slice(2);
const run =
  mode === '--child-append'
    ? childAppend(args[0], args[1], Number(args[2]), Number(args[3]))
    : mode === '--child-compact'
      ? childCompact(args[0], args[1])
      : main();
run.catch((error) => {
  console.error(error);
  process.exit(1);
});
