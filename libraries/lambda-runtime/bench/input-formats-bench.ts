import { LAB_RESULT_EXAMPLE, labResultSchema, validateLabResult, type LabResult } from '@reporting/schemas';
import { INPUT_FORMATS, parseRecords, type InputFormat } from '../lib/index';
import { labResultsCsv, labResultsJsonArray, labResultsNdjson } from '../lib/testing/lab-result-files';

const ASSAYS = labResultSchema.properties.assay.enum;

/** A small deterministic generator (mulberry32), so that every run parses the same bytes. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Lab results shaped like production: every column kind, some nulls, some text that CSV must quote. */
function labResults(count: number): LabResult[] {
  const next = random(14);
  return Array.from({ length: count }, (_, i) => {
    const day = new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 365) * 86_400_000);
    return {
      ...LAB_RESULT_EXAMPLE,
      adcid: Math.floor(next() * 60),
      ptid: String(100000 + Math.floor(next() * 900000)),
      sample_id: `PL-2024-${String(i).padStart(6, '0')}`,
      accession_number: 4_294_967_296 + i,
      assay: ASSAYS[i % ASSAYS.length],
      collected_on: day.toISOString().slice(0, 10),
      measured_at: new Date(day.getTime() + 36 * 3_600_000 + i).toISOString(),
      reported_at: i % 3 === 0 ? null : new Date(day.getTime() + 72 * 3_600_000).toISOString(),
      value: Math.round(next() * 1e6) / 1e4,
      lower_limit: i % 4 === 0 ? null : 0.05,
      below_detection_limit: next() < 0.1,
      repeat_count: i % 5 === 0 ? null : Math.floor(next() * 3),
      comment: i % 7 === 0 ? 'hemolyzed, re-run "A"\nsee log' : null,
      instrument: { manufacturer: 'Quanterix', model: 'HD-X', serial: `SN-${i % 17}` },
      flags: i % 2 === 0 ? ['hemolyzed'] : []
    };
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * Parsing + validation throughput of each input format: the same lab results (about `megabytes` MB as
 * NDJSON) written as one file per format, each parsed `runs` times by `parseRecords`; the median run is
 * reported; runs interleave the formats. `json` (one record per file) is measured record by record over the same records. "validate
 * only" is the validator alone on already-parsed records, the floor every format shares.
 * Usage: node lib-bench/input-formats-bench.js [megabytes=10] [runs=7]
 */
function main(): void {
  const megabytes = Number(process.argv[2] ?? 10);
  const runs = Number(process.argv[3] ?? 7);
  const perRecord = Buffer.byteLength(labResultsNdjson(labResults(100))) / 100;
  const records = labResults(Math.round((megabytes * 1_000_000) / perRecord));
  const files: Record<InputFormat, Buffer[]> = {
    json: records.map((record) => Buffer.from(JSON.stringify(record))),
    'json-array': [Buffer.from(labResultsJsonArray(records))],
    ndjson: [Buffer.from(labResultsNdjson(records))],
    csv: [Buffer.from(labResultsCsv(records))]
  };
  console.log(`${records.length} lab results, median of ${runs} runs, Node ${process.version}`);
  console.log('format      | MB     | ms (median) | records/s | MB/s');
  const row = (name: string, bytes: number, ms: number): void =>
    console.log(
      `${name.padEnd(11)} | ${(bytes / 1e6).toFixed(2).padStart(6)} | ${ms.toFixed(0).padStart(11)} | ` +
        `${Math.round((records.length / ms) * 1000)
          .toLocaleString('en-US')
          .padStart(9)} | ${((bytes / 1e6 / ms) * 1000).toFixed(1)}`
    );
  const parsed = records.map((record) => JSON.parse(JSON.stringify(record)) as unknown);
  // Interleaved (each run measures every format once), so that the load of a shared machine hits all alike.
  const times = new Map<string, number[]>([
    ['validate', []],
    ...INPUT_FORMATS.map((f) => [f, []] as [string, number[]])
  ]);
  for (let run = 0; run < runs; run += 1) {
    let start = performance.now();
    for (const record of parsed) if (!validateLabResult(record).valid) throw new Error('invalid record');
    times.get('validate')!.push(performance.now() - start);
    for (const format of INPUT_FORMATS) {
      start = performance.now();
      let count = 0;
      for (const file of files[format]) {
        const result = parseRecords(file, format, validateLabResult, labResultSchema);
        if (!result.valid) throw new Error(`${format}: ${result.reasons.slice(0, 3).join('; ')}`);
        count += result.records.length;
      }
      times.get(format)!.push(performance.now() - start);
      if (count !== records.length)
        throw new Error(`${format}: ${count} records, expected ${records.length}`);
    }
  }
  row('validate', 0, median(times.get('validate')!));
  for (const format of INPUT_FORMATS) {
    row(
      format,
      files[format].reduce((sum, file) => sum + file.length, 0),
      median(times.get(format)!)
    );
  }
}

main();
