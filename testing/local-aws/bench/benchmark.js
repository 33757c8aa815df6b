'use strict';
// Benchmark for the local S3 (run after a build: `node bench/benchmark.js`):
//  1. torn reads: GETs racing overwrites, plain s3rver 3.7.1 vs this library's front;
//  2. sequential PutObject + GetObject of 1 KiB through the SDK, median latency, both servers;
//  3. bytes received per PutObject (what an append costs on the wire) for each SDK checksum mode;
//  4. 32 read-modify-write clients with If-Match on one key: time and attempts.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Readable } = require('node:stream');
const S3rver = require('s3rver');
const { GetObjectCommand, PutObjectCommand, S3Client } = require('@aws-sdk/client-s3');
const { startLocalS3, createLocalS3Client, LOCAL_CREDENTIALS } = require('../lib');

const BUCKET = 'bench-bucket';

async function startPlainS3rver() {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plain-s3rver-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: [{ name: BUCKET }]
  });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    }
  };
}

function client(endpoint, extra = {}) {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: 'us-east-1',
    credentials: LOCAL_CREDENTIALS,
    ...extra
  });
}

async function tornReads(endpoint, overwrites) {
  const versions = [Buffer.alloc(256 * 1024, 'a'), Buffer.alloc(64 * 1024, 'b')];
  const writer = client(endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
  await writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'torn', Body: versions[0] }));
  let writing = true;
  let reads = 0;
  let torn = 0;
  let failed = 0;
  const write = (async () => {
    for (let i = 1; i <= overwrites; i++) {
      await writer.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'torn', Body: versions[i % 2] }));
    }
    writing = false;
  })();
  const readers = Array.from({ length: 4 }, async () => {
    const reader = client(endpoint, { maxAttempts: 1 });
    while (writing) {
      reads++;
      try {
        const result = await reader.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'torn' }));
        const body = Buffer.from(await result.Body.transformToByteArray());
        if (!versions.some((v) => v.equals(body))) torn++;
      } catch {
        failed++; // e.g. the connection aborted because the file was shorter than its Content-Length
      }
    }
    reader.destroy();
  });
  await Promise.all([write, ...readers]);
  writer.destroy();
  return { reads, torn, failed };
}

async function medianPutGetMs(endpoint, count) {
  const s3 = client(endpoint, { requestChecksumCalculation: 'WHEN_REQUIRED' });
  const body = Buffer.alloc(1024, 'x');
  const times = [];
  for (let i = 0; i < count + 20; i++) {
    const started = performance.now();
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `latency/${i % 50}`, Body: body }));
    const got = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: `latency/${i % 50}` }));
    await got.Body.transformToByteArray();
    if (i >= 20) times.push(performance.now() - started);
  }
  s3.destroy();
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function wireBytesPerPut(local, mode, size, streamed) {
  const s3 = createLocalS3Client(local.endpoint, { requestChecksumCalculation: mode });
  const records = [];
  const unsubscribe = local.onRequest((r) => records.push(r));
  const payload = Buffer.alloc(size, 'p');
  const Body = streamed ? Readable.from([payload]) : payload;
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `wire/${mode}`, Body, ContentLength: size }));
  await new Promise((resolve) => setImmediate(resolve));
  unsubscribe();
  s3.destroy();
  return records.find((r) => r.operation === 'PutObject').wireBytes;
}

async function readModifyWrite(local, clients, incrementsEach) {
  const key = 'rmw/counter';
  const setup = createLocalS3Client(local.endpoint);
  await setup.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: '[]' }));
  let attempts = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      const s3 = createLocalS3Client(local.endpoint, { maxAttempts: 1 });
      for (let i = 0; i < incrementsEach; i++) {
        for (;;) {
          attempts++;
          const current = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
          const list = JSON.parse(await current.Body.transformToString());
          try {
            await s3.send(
              new PutObjectCommand({
                Bucket: BUCKET,
                Key: key,
                Body: JSON.stringify([...list, `${c}:${i}`]),
                IfMatch: current.ETag
              })
            );
            break;
          } catch (error) {
            if (error.name !== 'PreconditionFailed') throw error;
          }
        }
      }
      s3.destroy();
    })
  );
  const elapsed = performance.now() - started;
  const final = await setup.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
  const count = JSON.parse(await final.Body.transformToString()).length;
  setup.destroy();
  return { elapsedMs: Math.round(elapsed), attempts, increments: count };
}

async function main() {
  const overwrites = Number(process.env.OVERWRITES ?? 300);
  const plain = await startPlainS3rver();
  const local = await startLocalS3({ buckets: [BUCKET] });
  try {
    console.log(`node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)}`);
    console.log('1. torn reads during', overwrites, 'overwrites (4 readers)');
    console.log('   plain s3rver  ', await tornReads(plain.endpoint, overwrites));
    console.log('   local-aws     ', await tornReads(local.endpoint, overwrites));
    console.log('2. median PutObject+GetObject 1 KiB, ms (SDK, WHEN_REQUIRED checksums)');
    console.log('   plain s3rver  ', (await medianPutGetMs(plain.endpoint, 300)).toFixed(2));
    console.log('   local-aws     ', (await medianPutGetMs(local.endpoint, 300)).toFixed(2));
    console.log('3. bytes received for one 64 KiB PutObject');
    for (const mode of ['WHEN_SUPPORTED', 'WHEN_REQUIRED']) {
      for (const streamed of [false, true]) {
        const bytes = await wireBytesPerPut(local, mode, 65536, streamed);
        console.log(`   ${mode.padEnd(14)} ${streamed ? 'stream' : 'buffer'}: ${bytes} (payload 65536)`);
      }
    }
    console.log('4. 32 clients x 2 If-Match increments on one key');
    console.log('   ', await readModifyWrite(local, 32, 2));
  } finally {
    await local.stop();
    await plain.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
