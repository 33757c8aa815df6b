/**
 * A warm Lambda execution environment in its own process (run with --expose-gc): the production
 * entry point `index.handler`, configured from the environment, handles one invocation at a time.
 * After an invocation, at most every SOAK_SAMPLE_EVERY_MS, it reports its heap after a full GC.
 */
import type { Context } from 'aws-lambda';
import { handler } from '@reporting/event-log-checkpoint';
import { createLambdaContext } from '@reporting/utils';
import type { MemorySample, WorkerReply, WorkerRequest } from './memory-sample';

const started = Date.now();
const sampleEveryMs = Number(process.env.SOAK_SAMPLE_EVERY_MS ?? 5000);
const collect = (globalThis as { gc?: () => void }).gc;
let invocations = 0;
let lastSampleAt = 0;

function sample(): MemorySample {
  if (!collect) throw new Error('the lambda worker needs node --expose-gc');
  collect();
  collect();
  const usage = process.memoryUsage();
  lastSampleAt = Date.now();
  return {
    atMs: lastSampleAt - started,
    invocations,
    heapUsed: usage.heapUsed,
    heapTotal: usage.heapTotal,
    rss: usage.rss,
    external: usage.external
  };
}

const send = (reply: WorkerReply): void => {
  process.send!(reply);
};

process.on('message', (request: WorkerRequest) => {
  if (request.type === 'sample') {
    send({ type: 'sample', sample: sample(), requested: true });
    return;
  }
  const context: Context = createLambdaContext('event-log-checkpoint', request.timeoutMs);
  handler(request.event, context).then(
    (result) => {
      invocations++;
      send({ type: 'result', id: request.id, result });
      if (Date.now() - lastSampleAt >= sampleEveryMs)
        send({ type: 'sample', sample: sample(), requested: false });
    },
    (error: unknown) => {
      invocations++;
      send({ type: 'error', id: request.id, message: String(error) });
    }
  );
});
