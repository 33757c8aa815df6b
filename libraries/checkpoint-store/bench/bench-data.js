'use strict';
// Synthetic visit events shaped like production for benchmarks: ~40 centers, ~60k participants,
// unique source keys in the producers' file-name pattern, ETag-like versions, rows in arrival
// order (timestamps mostly increasing with late arrivals).

const ACTIONS = ['submit', 'pass-qc', 'not-pass-qc', 'pass-qc', 'submit', 'delete'];
const MODULES = ['UDS', 'FTLD', 'LBD', 'MDS'];
const PACKETS = ['I', 'F', 'IT', 'FT', null];
const START = 1_577_836_800_000_000n; // 2020-01-01

/** Deterministic pseudo-random generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pad(n, width) {
  return String(n).padStart(width, '0');
}

/** `count` stored checkpoint rows (with lineage). */
function makeRows(count, seed = 1) {
  const rand = random(seed);
  const rows = new Array(count);
  const span = 5n * 365n * 86_400_000_000n;
  for (let i = 0; i < count; i++) {
    const adcid = 10 + Math.floor(rand() * 40);
    const ptid = `${adcid}${pad(Math.floor(rand() * 1500), 4)}`;
    const late = rand() < 0.05 ? BigInt(Math.floor(rand() * 30 * 86_400)) * 1_000_000n : 0n;
    const timestamp = START + (span * BigInt(i)) / BigInt(Math.max(1, count)) - late;
    const date = new Date(Number(timestamp / 1000n));
    const visitDate = date.toISOString().slice(0, 10);
    const action = ACTIONS[Math.floor(rand() * ACTIONS.length)];
    const visitNumber = rand() < 0.1 ? null : pad(1 + Math.floor(rand() * 12), 2);
    const stamp = date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    rows[i] = {
      action,
      study: 'adrc',
      pipeline_adcid: adcid,
      project_label: 'ingest-form',
      center_label: `center-${adcid}`,
      gear_name: rand() < 0.7 ? 'form-scheduler' : 'identifier-lookup',
      ptid,
      visit_date: visitDate,
      visit_number: visitNumber,
      datatype: 'form',
      module: MODULES[Math.floor(rand() * MODULES.length)],
      packet: PACKETS[Math.floor(rand() * PACKETS.length)],
      timestamp,
      source_key: `prod/log-${action}-${stamp}-${adcid}-ingest-form-${ptid}-${visitNumber ?? visitDate}.json`,
      source_version: `"${Math.floor(rand() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')}${Math.floor(rand() * 2 ** 32)
        .toString(16)
        .padStart(8, '0')}${i.toString(16).padStart(16, '0')}"`,
      ingested_at: timestamp + 60_000_000n + BigInt(Math.floor(rand() * 3_600_000_000))
    };
  }
  return rows;
}

/** The 13 event fields of a stored row. */
function eventFields(row) {
  const { source_key, source_version, ingested_at, ...event } = row;
  return event;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The analyst queries the benchmarks time on a checkpoint file; `$f` stands for the file's path. */
const ANALYST_QUERIES = {
  'count by module × packet × action':
    'SELECT module, packet, action, count(*) AS n FROM read_parquet($f) GROUP BY ALL',
  'timestamp range (one month)':
    'SELECT count(*) FROM read_parquet($f) WHERE "timestamp" >= TIMESTAMPTZ \'2022-03-01 00:00:00+00\' AND "timestamp" < TIMESTAMPTZ \'2022-04-01 00:00:00+00\'',
  'pass-qc vs not-pass-qc by center':
    "SELECT center_label, count(*) FILTER (action = 'pass-qc') AS pass, count(*) FILTER (action = 'not-pass-qc') AS fail FROM read_parquet($f) GROUP BY ALL"
};

module.exports = { ANALYST_QUERIES, makeRows, eventFields, median, percentile, random };
