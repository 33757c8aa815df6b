import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import {
  createIdempotency,
  idempotencyKey,
  identityOf,
  parseSqsS3Message,
  type ObjectChange
} from '@reporting/lambda-runtime';
import {
  createIdempotencyTable,
  LOCAL_CREDENTIALS,
  startLocalAws,
  type LocalAws
} from '@reporting/local-aws';
import { createLambdaContext } from '@reporting/utils';
import type { SQSRecord } from 'aws-lambda';
import * as fc from 'fast-check';
import { listObjectChanges } from './backfill';
import { partitionDone } from './done-objects';
import {
  backfillViaQueue,
  DEFAULT_RECORDS_PER_MESSAGE,
  formatQueueDepth,
  formatQueueProgress,
  formatQueueSummary
} from './queue-backfill';
import { SEND_BATCH_ENTRIES, sendMessages } from './queue-sender';
import { packReplayMessages, replayNotification, SEND_BATCH_BYTES } from './replay-notification';
import { parseBackfillArgs } from './backfill-cli';

type Created = Extract<ObjectChange, { kind: 'created' }>;

describe('backfill via the queue', () => {
  let stack: LocalAws;
  let sqs: SQSClient;
  const received: SQSRecord[] = [];

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: ['history'] } });
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
    sqs = new SQSClient({
      endpoint: stack.sqs.endpoint,
      region: 'us-east-1',
      credentials: LOCAL_CREDENTIALS
    });
    const s3 = stack.s3Client();
    for (let i = 0; i < 250; i++) {
      await s3.send(
        new PutObjectCommand({ Bucket: 'history', Key: `prod/f ${i}+ü.json`, Body: `{"i":${i}}` })
      );
    }
  });
  afterAll(async () => {
    sqs.destroy();
    await stack.stop();
  });

  const markDone = async (changes: readonly Created[], keyPrefix?: string): Promise<void> => {
    const idempotency = createIdempotency('idempotency', stack.dynamoDbClient(), keyPrefix);
    idempotency.registerContext(createLambdaContext('f', 60_000));
    const once = idempotency.wrapper(async () => ({ status: 'filtered', reason: 'test', attempt: 'a' }));
    for (const change of changes) await once(identityOf(change.object), undefined);
  };

  it('skips what the idempotency table records as done (more than 100 keys: several BatchGetItem calls)', async () => {
    const listed = (await listObjectChanges(stack.s3Client(), 'history', 'prod/')) as Created[];
    await markDone(listed.slice(0, 120));
    // An in-progress record and an expired one are not done: the lambda settles them.
    const put = (change: Created, status: string, expiration: number) =>
      stack.dynamoDbClient().send(
        new PutItemCommand({
          TableName: 'idempotency',
          Item: {
            id: { S: idempotencyKey(identityOf(change.object), '') },
            status: { S: status },
            expiration: { N: String(expiration) }
          }
        })
      );
    await put(listed[200], 'INPROGRESS', Math.round(Date.now() / 1000) + 3600);
    await put(listed[201], 'COMPLETED', Math.round(Date.now() / 1000) - 10);
    const { pending, done } = await partitionDone(stack.dynamoDbClient(), listed, {
      table: 'idempotency',
      keyPrefix: ''
    });
    expect(done).toBe(120);
    expect(pending).toEqual(listed.slice(120));
    const otherFunction = await partitionDone(stack.dynamoDbClient(), listed, {
      table: 'idempotency',
      keyPrefix: 'another-function'
    });
    expect(otherFunction.done).toBe(0);
  });

  it('keys DynamoDB leaves unprocessed are asked again; a table that keeps leaving them fails the skip', async () => {
    const listed = (await listObjectChanges(stack.s3Client(), 'history', 'prod/')) as Created[];
    // Records of their own (another function's key prefix), whatever the other tests marked done.
    const keyPrefix = 'unprocessed-keys';
    await markDone(listed.slice(0, 30), keyPrefix);
    const client = stack.dynamoDbClient();
    let refusals = 2;
    // Answers BatchGetItem with the keys of its request back as UnprocessedKeys, `refusals` times.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName !== 'BatchGetItemCommand' || refusals-- <= 0) return next(args);
        const input = args.input as { RequestItems: Record<string, unknown> };
        return {
          output: { $metadata: {}, Responses: {}, UnprocessedKeys: input.RequestItems },
          response: {}
        } as never;
      },
      { step: 'initialize', name: 'leaveUnprocessed' }
    );
    const options = { table: 'idempotency', keyPrefix, maxRetries: 3 };
    expect((await partitionDone(client, listed.slice(0, 50), options)).done).toBe(30);
    refusals = Infinity;
    await expect(partitionDone(client, listed.slice(0, 50), options)).rejects.toThrow(
      /BatchGetItem left keys unprocessed \(table throttled\?\): 50 left after 3 retries/
    );
  });

  it('enqueues the rest as S3 notifications the lambda parses back to the same objects; follows the queue', async () => {
    const queue = stack.createQueue({
      name: 'replays',
      handler: async (event) => {
        received.push(...event.Records);
      }
    });
    const progress: number[] = [];
    const depths: string[] = [];
    const summary = await backfillViaQueue(
      { s3: stack.s3Client(), dynamodb: stack.dynamoDbClient(), sqs },
      {
        bucket: 'history',
        prefix: 'prod/',
        select: (key) => !key.startsWith('prod/f 249'),
        queueUrl: stack.queueUrl(queue),
        deadLetterUrl: stack.deadLetterQueueUrl(queue),
        idempotencyTable: 'idempotency',
        keyPrefix: '',
        region: 'us-east-1',
        pageSize: 50,
        pollMs: 10,
        onProgress: (p) => progress.push(p.enqueued),
        onDepth: (depth, ms) => depths.push(formatQueueDepth(depth, ms))
      }
    );
    expect(summary).toMatchObject({
      listed: 250,
      selected: 249,
      alreadyDone: 120,
      enqueued: 129,
      failed: 0,
      interrupted: false,
      newDeadLetters: 0,
      queue: { drained: true, waiting: 0, inFlight: 0 }
    });
    expect(progress.at(-1)).toBe(129);
    expect(depths.at(-1)).toMatch(/^queue: 0 waiting, 0 in flight, 0 in the dead-letter queue/);
    const keys = received.flatMap((record) =>
      parseSqsS3Message(record).map((change) => (change.kind === 'created' ? change.object.key : ''))
    );
    expect(keys).toHaveLength(129);
    expect(new Set(keys).size).toBe(129);
    // Several records a message (10 by default), never more.
    const perMessage = received.map((record) => parseSqsS3Message(record).length);
    expect(Math.max(...perMessage)).toBe(DEFAULT_RECORDS_PER_MESSAGE);
    expect(received.length).toBeLessThan(129 / 2);
    expect(keys.every((key) => /^prod\/f \d+\+ü\.json$/.test(key))).toBe(true);
    expect(formatQueueSummary(summary)).toContain(
      'already done 120 (skipped), enqueued 129, failed to enqueue 0'
    );
    expect(formatQueueProgress({ listed: 10, alreadyDone: 1, enqueued: 9, elapsedMs: 1000 })).toBe(
      'listed 10, already done 1, enqueued 9  10 files/s'
    );
  });

  it('an aborted run stops listing, reports the queue as it is, and says how to resume', async () => {
    const queue = stack.createQueue({ name: 'stuck', handler: () => new Promise(() => undefined) });
    const controller = new AbortController();
    const summary = await backfillViaQueue(
      { s3: stack.s3Client(), dynamodb: stack.dynamoDbClient(), sqs },
      {
        bucket: 'history',
        prefix: 'prod/',
        queueUrl: stack.queueUrl(queue),
        idempotencyTable: 'idempotency',
        keyPrefix: '',
        region: 'us-east-1',
        pageSize: 20,
        pagesInFlight: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.enqueued > 0) controller.abort();
        }
      }
    );
    expect(summary.interrupted).toBe(true);
    expect(summary.listed).toBeLessThan(250);
    expect(summary.queue?.drained).toBe(false);
    expect(formatQueueSummary(summary)).toContain('re-run to resume');
    const detached = await backfillViaQueue(
      { s3: stack.s3Client(), dynamodb: stack.dynamoDbClient(), sqs },
      {
        bucket: 'history',
        prefix: 'prod/f 1',
        queueUrl: stack.queueUrl(queue),
        idempotencyTable: 'idempotency',
        keyPrefix: '',
        region: 'us-east-1',
        wait: false
      }
    );
    expect(detached.queue).toBeUndefined();
    expect(formatQueueSummary(detached)).toContain('queue not followed (--detach)');
  });

  it('a message SQS refuses is reported with its object, the others are sent', async () => {
    const queue = stack.createQueue({ name: 'refusing', handler: async () => undefined });
    const good = replayNotification(
      { kind: 'created', eventName: 'Backfill', object: { bucket: 'b', key: 'ok.json' } },
      'us-east-1',
      new Date(0)
    );
    const result = await sendMessages(sqs, stack.queueUrl(queue), [good, 'bad \uD800 body', good]);
    expect(result.sent).toBe(2);
    expect(result.failed).toEqual([
      { body: 'bad \uD800 body', objects: 1, reason: expect.stringMatching(/^InvalidMessageContents/) }
    ]);
    await queue.drained();
  });

  it('a refused message of several records counts and names each of its objects', async () => {
    const queue = stack.createQueue({ name: 'refusing-packed', handler: async () => undefined });
    const packed = (keys: string[]) => ({
      body: replayNotification(
        keys.map(
          (key): Created => ({ kind: 'created', eventName: 'Backfill', object: { bucket: 'b', key } })
        ),
        'us-east-1',
        new Date(0)
      ),
      objects: keys.length
    });
    const sent: number[] = [];
    const result = await sendMessages(
      sqs,
      stack.queueUrl(queue),
      [packed(['a', 'b', 'c']), { body: 'bad \uD800', objects: 4 }, packed(['d'])],
      { onSent: (n) => sent.push(n) }
    );
    expect(result.sent).toBe(4);
    expect(sent).toEqual([4]);
    expect(result.failed).toEqual([
      { body: 'bad \uD800', objects: 4, reason: expect.stringMatching(/^InvalidMessageContents/) }
    ]);
    await queue.drained();
  });

  it('SendMessageBatch calls stay within 10 entries and 256 KiB of bodies', async () => {
    const calls: { entries: number; bytes: number }[] = [];
    const recording = {
      send: async (command: { input: { Entries: { Id: string; MessageBody: string }[] } }) => {
        const entries = command.input.Entries;
        calls.push({
          entries: entries.length,
          bytes: entries.reduce((sum, e) => sum + Buffer.byteLength(e.MessageBody), 0)
        });
        return { Successful: entries.map((e) => ({ Id: e.Id })) };
      }
    } as unknown as SQSClient;
    const big = 'x'.repeat(100 * 1024);
    const result = await sendMessages(recording, 'q', [
      ...Array.from({ length: 12 }, () => 'small'),
      big,
      big,
      big,
      'small'
    ]);
    expect(result.sent).toBe(16);
    expect(calls.every((call) => call.entries <= SEND_BATCH_ENTRIES && call.bytes <= SEND_BATCH_BYTES)).toBe(
      true
    );
    expect(calls.map((call) => call.entries)).toEqual([10, 4, 2]);
  });

  it('replay packing: records go into messages of at most N records and the byte budget, in listing order, each read back once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 400, max: 4000 }),
        (keys, recordsPerMessage, maxBytes) => {
          const changes = keys.map(
            (key, i): Created => ({
              kind: 'created',
              eventName: 'Backfill',
              object: { bucket: 'b', key, eTag: `e${i}`, size: i }
            })
          );
          const messages = packReplayMessages(changes, 'us-east-1', new Date(0), {
            recordsPerMessage,
            maxBytes
          });
          const readBack = messages.flatMap((message, i) => {
            const records = parseSqsS3Message({ messageId: `m${i}`, body: message.body } as SQSRecord);
            expect(records.length).toBeGreaterThan(0);
            expect(records.length).toBeLessThanOrEqual(recordsPerMessage);
            // Over the budget only as a message of one record (a record too large on its own).
            if (records.length > 1) expect(Buffer.byteLength(message.body)).toBeLessThanOrEqual(maxBytes);
            expect(message.keys).toEqual(records.map((r) => (r.kind === 'created' ? r.object.key : '')));
            return records;
          });
          expect(readBack).toEqual(
            changes.map((c) => ({ kind: 'created', eventName: 'ObjectCreated:Put', object: c.object }))
          );
        }
      ),
      { numRuns: 100 }
    );
  });

  it('replay notification round trip: a replayed record reads back as the object it names (any key, ETag and size)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }),
        fc.stringMatching(/^[0-9a-f]{32}$/),
        fc.nat(),
        (key, eTag, size) => {
          const change: Created = {
            kind: 'created',
            eventName: 'Backfill',
            object: { bucket: 'b', key, eTag, size }
          };
          const record = {
            messageId: 'm',
            body: replayNotification(change, 'eu-west-1', new Date(0))
          } as SQSRecord;
          expect(parseSqsS3Message(record)).toEqual([
            { kind: 'created', eventName: 'ObjectCreated:Put', object: { bucket: 'b', key, eTag, size } }
          ]);
        }
      ),
      { numRuns: 200 }
    );
  });

  it('parses the --via-queue options and refuses them without --via-queue or with in-process ones', () => {
    expect(
      parseBackfillArgs(
        ['--via-queue', '--queue-url', 'q', '--dlq-url', 'd', '--function-name', 'f', '--detach'],
        { since: false }
      )
    ).toEqual({ viaQueue: true, queueUrl: 'q', dlqUrl: 'd', functionName: 'f', detach: true });
    expect(
      parseBackfillArgs(['--via-queue', '--queue-url', 'q', '--records-per-message', '100'], { since: false })
    ).toEqual({ viaQueue: true, queueUrl: 'q', recordsPerMessage: 100 });
    expect(() =>
      parseBackfillArgs(['--via-queue', '--queue-url', 'q', '--records-per-message', '0'], { since: false })
    ).toThrow('--records-per-message must be an integer from 1 to 1000');
    expect(() => parseBackfillArgs(['--records-per-message', '5'], { since: false })).toThrow(
      '--records-per-message needs --via-queue'
    );
    // The in-process path takes the deployed function's name too (its idempotency records).
    expect(parseBackfillArgs(['--function-name', 'f'], { since: false })).toEqual({ functionName: 'f' });
    expect(() => parseBackfillArgs(['--via-queue'], { since: false })).toThrow(
      '--via-queue needs --queue-url'
    );
    expect(() => parseBackfillArgs(['--dlq-url', 'd'], { since: false })).toThrow(
      '--dlq-url needs --via-queue'
    );
    expect(() =>
      parseBackfillArgs(['--via-queue', '--queue-url', 'q', '--chunk', '5'], { since: false })
    ).toThrow('--chunk and --workers are for the in-process backfill');
    expect(() => parseBackfillArgs(['stray'], { since: false })).toThrow('unexpected argument');
  });
});
