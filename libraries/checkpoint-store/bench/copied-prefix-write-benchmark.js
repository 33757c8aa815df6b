'use strict';
// Cost of one `writeWithCopiedPrefix` (the multipart write an append makes: CreateMultipartUpload,
// UploadPartCopy of the unchanged prefix in 8 MiB parts, UploadPart of a 60 KiB tail, conditional
// CompleteMultipartUpload) on the local S3, for a small and a large object, with the server's own
// time per operation from its request log. Shows whether the local S3 costs O(bytes sent) or
// O(object size). Usage: node scripts/copied-prefix-write-benchmark.js [writes] (default 15)
const { performance } = require('perf_hooks');
const { cpus, loadavg } = require('os');

const lib = require('../lib/index');
const { median } = require('./bench-data');

async function main() {
  const writes = Number(process.argv[2] ?? 15);
  const { startLocalS3, createLocalS3Client } = require('@reporting/local-aws');
  const s3 = await startLocalS3({ buckets: ['bench'] });
  const client = createLocalS3Client(s3.endpoint, {
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED'
  });
  const store = new lib.S3ObjectStore(client, 'bench');
  try {
    console.log(
      '| object MiB | write median ms (client, SDK) | server median ms per operation (× count per write) |'
    );
    console.log('|---|---|---|');
    for (const mib of [6, 52]) {
      const key = `object-${mib}`;
      let { etag } = await store.write(key, Buffer.alloc(mib * 2 ** 20, 7), { ifNoneMatch: '*' });
      let length = mib * 2 ** 20;
      const server = {};
      const stop = s3.onRequest((r) => (server[r.operation] ??= []).push(r.durationMs));
      const times = [];
      for (let i = 0; i < writes; i++) {
        // Keep all but the last 1000 bytes (a "footer"), add a 60 KiB tail, as an append does.
        const tail = Buffer.alloc(60 * 1024, i);
        const started = performance.now();
        const result = await store.writeWithCopiedPrefix(key, { etag, length: length - 1000 }, tail, {
          ifMatch: etag
        });
        times.push(performance.now() - started);
        etag = result.etag;
        length = length - 1000 + tail.length;
      }
      stop();
      const perOperation = Object.entries(server)
        .map(([operation, ms]) => `${operation} ${median(ms).toFixed(1)} (×${ms.length / writes})`)
        .join(', ');
      console.log(`| ${mib} | ${median(times).toFixed(1)} | ${perOperation} |`);
    }
    console.log(
      `\nmedian of ${writes} writes; node ${process.version}, ${cpus().length} cores, load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`
    );
  } finally {
    client.destroy();
    await s3.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
