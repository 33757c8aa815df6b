'use strict';
// SNAPPY page compression: our SnappyBlockEncoder vs snappyjs (the JavaScript port it replaced,
// decision 0080) on pages shaped like a REDCap export's (1 MiB PLAIN pages: short text values, INT64
// integers below a million, two-decimal and full-precision doubles), the same pages for both,
// interleaved passes. Prints MB/s and the compressed sizes.
// Usage: npm run benchmark:snappy [-- pagesPerKind=16 passes=7]
const { performance } = require('perf_hooks');
const { SnappyCompressor } = require('snappyjs/snappy_compressor');
const { uncompress } = require('snappyjs');

const { SnappyBlockEncoder } = require('../lib/parquet/snappy-block-encoder');
const { median, random } = require('./bench-data');

const PAGE_BYTES = 1 << 20;

/** One page of a kind: PLAIN bytes as the vector encoder writes them. */
function page(kind, next) {
  const bytes = new Uint8Array(PAGE_BYTES);
  const view = new DataView(bytes.buffer);
  let at = 0;
  if (kind === 'text') {
    while (at + 10 < PAGE_BYTES) {
      const word = Buffer.from(Math.floor(next() * 36 ** 6).toString(36));
      view.setUint32(at, word.length, true);
      bytes.set(word, at + 4);
      at += 4 + word.length;
    }
    return bytes.subarray(0, at);
  }
  for (; at + 8 <= PAGE_BYTES; at += 8) {
    if (kind === 'int64') view.setBigInt64(at, BigInt(Math.floor(next() * 1e6)), true);
    else if (kind === 'decimal') view.setFloat64(at, Number((next() * 1000).toFixed(2)), true);
    else view.setFloat64(at, next() * 100, true);
  }
  return bytes;
}

function main() {
  const [pagesPerKind = 16, passes = 7] = process.argv.slice(2).map(Number);
  const next = random(80);
  const kinds = ['text', 'int64', 'decimal', 'double'];
  const pages = kinds.flatMap((kind) =>
    Array.from({ length: pagesPerKind }, () => ({ kind, bytes: page(kind, next) }))
  );
  const totalBytes = pages.reduce((sum, p) => sum + p.bytes.length, 0);
  const out = new Uint8Array(SnappyBlockEncoder.maxCompressedLength(PAGE_BYTES));
  const encoder = new SnappyBlockEncoder();
  const ours = (bytes) => encoder.compress(bytes, out);
  const theirs = (bytes) => new SnappyCompressor(bytes).compressToBuffer(out);

  // Both must give bytes that decompress to the page; sizes per kind.
  const sizes = {};
  for (const { kind, bytes } of pages) {
    for (const [name, compress] of [
      ['ours', ours],
      ['snappyjs', theirs]
    ]) {
      const length = compress(bytes);
      if (Buffer.compare(Buffer.from(uncompress(out.subarray(0, length))), Buffer.from(bytes)) !== 0) {
        throw new Error(`${name} did not round-trip a ${kind} page`);
      }
      sizes[`${name} ${kind}`] = (sizes[`${name} ${kind}`] ?? 0) + length;
    }
  }
  const times = { ours: [], snappyjs: [] };
  for (let pass = 0; pass < passes; pass++) {
    for (const [name, compress] of [
      ['ours', ours],
      ['snappyjs', theirs]
    ]) {
      const start = performance.now();
      for (const { bytes } of pages) compress(bytes);
      times[name].push(performance.now() - start);
    }
  }
  const mb = totalBytes / 1e6;
  console.log(
    `${pages.length} pages, ${mb.toFixed(1)} MB, ${passes} interleaved passes, node ${process.version}`
  );
  console.log('| encoder | median ms | MB/s | ' + kinds.map((k) => `${k} → MB`).join(' | ') + ' |');
  console.log('|---|---|---|' + kinds.map(() => '---').join('|') + '|');
  for (const name of ['ours', 'snappyjs']) {
    const ms = median(times[name]);
    const perKind = kinds.map((k) => (sizes[`${name} ${k}`] / 1e6).toFixed(2));
    console.log(`| ${name} | ${ms.toFixed(0)} | ${(mb / (ms / 1000)).toFixed(0)} | ${perKind.join(' | ')} |`);
  }
  console.log(`ours / snappyjs time: ${(median(times.ours) / median(times.snappyjs)).toFixed(2)}`);
}

main();
