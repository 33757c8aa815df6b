import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CheckpointTable, S3ObjectStore } from '@reporting/checkpoint-store';
import { visitEventTable } from '@reporting/schemas';
import { createRandom } from '@reporting/utils';
import { eventFileName, randomEvent } from '@reporting/test-kit';
import {
  LOCAL_ANALYTICS_BUCKET,
  LOCAL_EVENTS_BUCKET,
  LOCAL_PREFIX,
  startLocalPipeline
} from '../lib/local-run/local-run';

/**
 * Upload → row visible latency on the local stack: one event file at a time is uploaded into a bucket
 * whose notifications drive the lambda through the local queue (no batching window); the time runs
 * from the PutObject call until the checkpoint commit holding its row has completed (queue drained).
 * Usage: node lib-bench/latency-bench.js [existingRows=1000000] [uploads=30]
 */
async function main(): Promise<void> {
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const existingRows = Number(process.argv[2] ?? 1_000_000);
  const uploads = Number(process.argv[3] ?? 30);
  const pipeline = await startLocalPipeline({
    queue: { batchWindowMs: 0, deliveriesPerMessage: 1, concurrency: 1 }
  });
  try {
    const { queue, client: s3 } = pipeline;
    const random = createRandom(1);
    // All events go to one checkpoint: adrc/form, pre-filled with `existingRows` rows.
    const event = (i: number) => ({
      ...randomEvent(random, i),
      study: 'adrc',
      datatype: 'form' as const,
      module: 'UDS',
      project_label: 'ingest-form'
    });
    const started = Date.now();
    const visits = CheckpointTable.of(visitEventTable);
    const rows = Array.from({ length: existingRows }, (_, i) => visits.rowFromRecord(event(i)));
    await visits.appendBatches(
      new S3ObjectStore(s3, LOCAL_ANALYTICS_BUCKET),
      'checkpoints/adrc/form/events.parquet',
      [{ source: { key: 'bench://prefill', version: '1' }, rows }]
    );
    console.log(
      `pre-filled checkpoints/adrc/form/events.parquet with ${existingRows} rows in ${((Date.now() - started) / 1000).toFixed(1)} s`
    );
    const latencies: number[] = [];
    for (let i = 0; i < uploads + 3; i++) {
      const e = event(existingRows + i);
      const t0 = performance.now();
      await s3.send(
        new PutObjectCommand({
          Bucket: LOCAL_EVENTS_BUCKET,
          Key: `${LOCAL_PREFIX}${eventFileName(e, i)}`,
          Body: JSON.stringify(e)
        })
      );
      await queue.drained(60_000);
      if (i >= 3) latencies.push(performance.now() - t0); // first three warm the handler
    }
    latencies.sort((a, b) => a - b);
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(0);
    console.log(
      `upload → row visible, checkpoint of ${existingRows} rows, ${uploads} uploads: median ${pct(0.5)} ms, p90 ${pct(0.9)} ms, max ${pct(1)} ms`
    );
  } finally {
    await pipeline.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
