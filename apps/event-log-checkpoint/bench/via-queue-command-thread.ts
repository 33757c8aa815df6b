import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import {
  backfillViaQueue,
  createBackfillClients,
  type BackfillClientOptions,
  type QueueBackfillOptions,
  type QueueBackfillSummary
} from '@reporting/backfill';

type ThreadOptions = Omit<QueueBackfillOptions, 'select' | 'signal' | 'onProgress' | 'onDepth'>;

/**
 * Runs `backfillViaQueue` in a worker thread, as the operator's command runs in its own process: the
 * stand-ins and the lambdas keep the main thread, the command gets the other core. The thread's CPU
 * time is its own (`threadCpuMs`).
 */
export function runCommandInThread(
  env: Record<string, string>,
  options: ThreadOptions,
  clientOptions: BackfillClientOptions = {}
): Promise<QueueBackfillSummary & { threadCpuMs: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(__filename, { workerData: { env, options, clientOptions } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

if (!isMainThread && parentPort) {
  const { env, options, clientOptions } = workerData as {
    env: Record<string, string>;
    options: ThreadOptions;
    clientOptions: BackfillClientOptions;
  };
  Object.assign(process.env, env);
  const clients = createBackfillClients(clientOptions);
  const started = performance.eventLoopUtilization();
  backfillViaQueue(clients, options).then(
    (summary) => {
      const { active } = performance.eventLoopUtilization(started);
      clients.s3.destroy();
      clients.dynamodb.destroy();
      clients.sqs.destroy();
      parentPort!.postMessage({ ...summary, threadCpuMs: active });
    },
    (error: unknown) => {
      throw error;
    }
  );
}
