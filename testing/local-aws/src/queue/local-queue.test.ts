// Behaviour of an SQS queue with a Lambda event source mapping, as the Lambda developer guide
// describes it: batches of at most BatchSize, partial batch responses (ReportBatchItemFailures),
// a thrown handler fails the whole batch, failed messages return after the visibility timeout with a
// higher ApproximateReceiveCount, and the redrive policy moves them to the dead-letter queue.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';

import { LocalQueue, type LocalQueueOptions, type SqsHandler } from './local-queue';

const queues: LocalQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((q) => q.stop()));
});

function queue(handler: SqsHandler, options: Partial<LocalQueueOptions> = {}): LocalQueue {
  const created = new LocalQueue({ handler, visibilityTimeoutMs: 20, ...options });
  queues.push(created);
  return created;
}

function bodiesOf(event: SQSEvent): string[] {
  return event.Records.map((r) => r.body);
}

test('messages are delivered in batches of at most batchSize, as SQS records', async () => {
  const batches: SQSEvent[] = [];
  const q = queue(
    async (event) => {
      batches.push(event);
    },
    { batchSize: 3, name: 'events' }
  );
  for (let i = 0; i < 7; i++) q.send(`m${i}`);
  await q.drained();
  expect(batches.map(bodiesOf)).toEqual([['m0', 'm1', 'm2'], ['m3', 'm4', 'm5'], ['m6']]);
  expect(batches[0].Records[0]).toMatchObject({
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:events',
    awsRegion: 'us-east-1',
    attributes: { ApproximateReceiveCount: '1' },
    md5OfBody: 'ced6bfe1f650f6b338594d37eb7850d2' // md5('m0')
  });
});

test('a batching window waits to fill a batch', async () => {
  const batches: string[][] = [];
  const q = queue(
    async (event) => {
      batches.push(bodiesOf(event));
    },
    { batchSize: 10, batchWindowMs: 150 }
  );
  q.send('first');
  await new Promise((resolve) => setTimeout(resolve, 50));
  q.send('second');
  await q.drained();
  expect(batches).toEqual([['first', 'second']]);
});

test('records named in batchItemFailures come back with ApproximateReceiveCount 2; the others do not', async () => {
  const received: [string, string][] = [];
  const q = queue(async (event): Promise<SQSBatchResponse> => {
    for (const r of event.Records) received.push([r.body, r.attributes.ApproximateReceiveCount]);
    return {
      batchItemFailures: event.Records.filter(
        (r) => r.body === 'bad' && r.attributes.ApproximateReceiveCount === '1'
      ).map((r) => ({ itemIdentifier: r.messageId }))
    };
  });
  q.send('good');
  q.send('bad');
  await q.drained();
  expect(received).toEqual([
    ['good', '1'],
    ['bad', '1'],
    ['bad', '2']
  ]);
});

test('a thrown handler fails the whole batch, which is redelivered', async () => {
  let calls = 0;
  const seen: string[][] = [];
  const q = queue(async (event) => {
    seen.push(bodiesOf(event));
    if (++calls === 1) throw new Error('boom');
  });
  q.send('a');
  q.send('b');
  await q.drained();
  expect(seen).toEqual([
    ['a', 'b'],
    ['a', 'b']
  ]);
  expect(q.invocations.map((i) => i.outcome)).toEqual(['failed', 'succeeded']);
});

test('an unknown itemIdentifier counts as a failure of the whole batch', async () => {
  let calls = 0;
  const q = queue(async () =>
    ++calls === 1 ? { batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] } : undefined
  );
  q.send('a');
  q.send('b');
  await q.drained();
  expect(q.invocations.map((i) => [i.outcome, i.receiveCounts])).toEqual([
    ['failed', [1, 1]],
    ['succeeded', [2, 2]]
  ]);
});

test('without ReportBatchItemFailures a returned failure list is ignored', async () => {
  const q = queue(
    async (event) => ({ batchItemFailures: [{ itemIdentifier: event.Records[0].messageId }] }),
    {
      reportBatchItemFailures: false
    }
  );
  q.send('a');
  await q.drained();
  expect(q.invocations).toHaveLength(1);
});

test('a message failing maxReceiveCount times goes to the dead-letter list', async () => {
  const q = queue(
    async () => {
      throw new Error('always');
    },
    { maxReceiveCount: 3 }
  );
  const [id] = q.send('poison');
  await q.drained();
  expect(q.invocations).toHaveLength(3);
  expect(q.deadLetters).toEqual([{ messageId: id, body: 'poison', receiveCount: 3 }]);
});

test('a handler running past the function timeout fails its batch', async () => {
  let calls = 0;
  const q = queue(
    async () => {
      if (++calls === 1) await new Promise((resolve) => setTimeout(resolve, 200));
    },
    { functionTimeoutMs: 50 }
  );
  q.send('slow');
  await q.drained();
  expect(q.invocations.map((i) => i.outcome)).toEqual(['failed', 'succeeded']);
  expect(String(q.invocations[0].error)).toMatch(/timed out/);
});

test('deliveriesPerMessage enqueues each message that many times', async () => {
  const bodies: string[] = [];
  const q = queue(
    async (event) => {
      bodies.push(...bodiesOf(event));
    },
    { deliveriesPerMessage: 3 }
  );
  expect(q.send('once')).toHaveLength(3);
  await q.drained();
  expect(bodies).toEqual(['once', 'once', 'once']);
});

test('shuffle delivers in a seeded random order: the same seed gives the same order', async () => {
  async function order(seed: number): Promise<string[]> {
    const bodies: string[] = [];
    const q = queue(
      async (event) => {
        bodies.push(...bodiesOf(event));
      },
      { shuffle: true, seed, batchSize: 1, batchWindowMs: 30 }
    );
    for (let i = 0; i < 8; i++) q.send(String(i));
    await q.drained();
    return bodies;
  }
  const first = await order(42);
  expect(first).not.toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  expect([...first].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
  expect(await order(42)).toEqual(first);
});

test('concurrency runs several batches at the same time', async () => {
  let running = 0;
  let maxRunning = 0;
  const q = queue(
    async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
    },
    { batchSize: 1, concurrency: 3 }
  );
  for (let i = 0; i < 6; i++) q.send(String(i));
  await q.drained();
  expect(maxRunning).toBe(3);
});

test('drained rejects after its timeout while messages remain', async () => {
  const q = queue(() => new Promise(() => undefined), { functionTimeoutMs: 300 });
  q.send('stuck');
  await expect(q.drained(50)).rejects.toThrow(/not drained/);
});

test('the handler gets a Lambda context with the remaining time', async () => {
  let remaining = -1;
  const q = queue(
    async (_event, context) => {
      remaining = context.getRemainingTimeInMillis();
    },
    { functionTimeoutMs: 5000 }
  );
  q.send('x');
  await q.drained();
  expect(remaining).toBeGreaterThan(4000);
  expect(remaining).toBeLessThanOrEqual(5000);
});
