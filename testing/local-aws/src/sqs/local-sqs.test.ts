// The local queues' SQS API, checked with the real @aws-sdk/client-sqs (AWS JSON 1.0 protocol, with
// its MD5 checks of the bodies it sent); expectations from the SQS API reference (SendMessageBatch,
// GetQueueAttributes, "Quotas related to messages").
import {
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import * as fc from 'fast-check';

import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '../credentials';
import { LocalAws } from '../local-aws';
import type { LocalQueue } from '../queue/local-queue';
import { invalidMessageBody, isValidBatchEntryId, MAX_MESSAGE_BYTES } from './sqs-validation';

let stack: LocalAws;
let sqs: SQSClient;
const received: SQSEvent[] = [];
let queue: LocalQueue;

beforeAll(async () => {
  stack = await LocalAws.start({ dynamoDb: false });
  sqs = new SQSClient({
    endpoint: stack.environment().AWS_ENDPOINT_URL_SQS,
    region: DEFAULT_REGION,
    credentials: LOCAL_CREDENTIALS
  });
  queue = stack.createQueue({
    name: 'replays',
    batchSize: 10,
    maxReceiveCount: 1,
    visibilityTimeoutMs: 10,
    handler: async (event) => {
      received.push(event);
      const failures = event.Records.filter((r) => r.body === 'fail').map((r) => ({
        itemIdentifier: r.messageId
      }));
      return { batchItemFailures: failures };
    }
  });
});
afterAll(async () => {
  sqs.destroy();
  await stack.stop();
});
beforeEach(() => received.splice(0));

const bodies = (): string[] => received.flatMap((event) => event.Records.map((r) => r.body)).sort();

test('SendMessageBatch of 10 entries: every entry Successful, delivered to the handler by the event source mapping', async () => {
  const entries = Array.from({ length: 10 }, (_, i) => ({ Id: `e-${i}`, MessageBody: `{"n":${i}}` }));
  const result = await sqs.send(
    new SendMessageBatchCommand({ QueueUrl: stack.queueUrl(queue), Entries: entries })
  );
  expect(result.Failed ?? []).toEqual([]);
  expect(result.Successful?.map((s) => s.Id).sort()).toEqual(entries.map((e) => e.Id).sort());
  await queue.drained();
  expect(bodies()).toEqual(entries.map((e) => e.MessageBody).sort());
  expect(received[0].Records[0]).toMatchObject({ eventSource: 'aws:sqs', eventSourceARN: queue.arn });
  expect(new Set(received.flatMap((e) => e.Records.map((r) => r.messageId)))).toEqual(
    new Set(result.Successful!.map((s) => s.MessageId))
  );
});

test('an entry failing validation is in Failed with SenderFault; the others are sent', async () => {
  const result = await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: stack.queueUrl(queue),
      Entries: [
        { Id: 'good', MessageBody: 'ok' },
        { Id: 'bad', MessageBody: 'lone surrogate \uD800' },
        { Id: 'control', MessageBody: 'bell \u0007' }
      ]
    })
  );
  expect(result.Successful?.map((s) => s.Id)).toEqual(['good']);
  expect(result.Failed).toEqual([
    expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidMessageContents' }),
    expect.objectContaining({ Id: 'control', SenderFault: true, Code: 'InvalidMessageContents' })
  ]);
  await queue.drained();
  expect(bodies()).toEqual(['ok']);
});

test('a batch SQS refuses as a whole: more than 10 entries, duplicate ids, bad ids, none, too long', async () => {
  const send = (entries: { Id: string; MessageBody: string }[]): Promise<unknown> =>
    sqs.send(new SendMessageBatchCommand({ QueueUrl: stack.queueUrl(queue), Entries: entries }));
  const entry = (id: string, body = 'x'): { Id: string; MessageBody: string } => ({
    Id: id,
    MessageBody: body
  });
  await expect(send(Array.from({ length: 11 }, (_, i) => entry(`e${i}`)))).rejects.toMatchObject({
    name: 'TooManyEntriesInBatchRequest'
  });
  await expect(send([entry('a'), entry('a')])).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
  await expect(send([entry('not valid!')])).rejects.toMatchObject({ name: 'InvalidBatchEntryId' });
  await expect(send([])).rejects.toMatchObject({ name: 'EmptyBatchRequest' });
  const half = 'y'.repeat(MAX_MESSAGE_BYTES / 2 + 1);
  await expect(send([entry('a', half), entry('b', half)])).rejects.toMatchObject({
    name: 'BatchRequestTooLong'
  });
  await queue.drained();
  expect(received).toEqual([]);
});

test('SendMessage; an unknown queue is QueueDoesNotExist; GetQueueUrl finds a queue and its dead letters', async () => {
  const sent = await sqs.send(
    new SendMessageCommand({ QueueUrl: stack.queueUrl(queue), MessageBody: 'one' })
  );
  expect(sent.MessageId).toBeDefined();
  await queue.drained();
  expect(bodies()).toEqual(['one']);
  await expect(
    sqs.send(
      new SendMessageCommand({ QueueUrl: `${stack.sqs.endpoint}/000000000000/nope`, MessageBody: 'x' })
    )
  ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  await expect(
    sqs.send(new SendMessageCommand({ QueueUrl: stack.queueUrl(queue), MessageBody: '' }))
  ).rejects.toMatchObject({
    name: 'InvalidMessageContents'
  });
  expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'replays' }))).QueueUrl).toBe(
    stack.queueUrl(queue)
  );
  expect((await sqs.send(new GetQueueUrlCommand({ QueueName: 'replays-dlq' }))).QueueUrl).toBe(
    stack.deadLetterQueueUrl(queue)
  );
  await expect(
    sqs.send(new SendMessageCommand({ QueueUrl: stack.deadLetterQueueUrl(queue), MessageBody: 'x' }))
  ).rejects.toMatchObject({ name: 'UnsupportedOperation' });
});

test('GetQueueAttributes: depth while messages wait and are handled, the redrive policy', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const slow = stack.createQueue({
    name: 'slow',
    batchSize: 1,
    maxReceiveCount: 4,
    handler: () => gate
  });
  const url = stack.queueUrl(slow);
  await sqs.send(
    new SendMessageBatchCommand({
      QueueUrl: url,
      Entries: [1, 2, 3].map((i) => ({ Id: `m${i}`, MessageBody: `${i}` }))
    })
  );
  await new Promise((resolve) => setTimeout(resolve, 20)); // the mapping has taken the first batch
  const attributes = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] })
  );
  expect(attributes.Attributes).toMatchObject({
    ApproximateNumberOfMessages: '2',
    ApproximateNumberOfMessagesNotVisible: '1',
    QueueArn: slow.arn,
    VisibilityTimeout: '1'
  });
  expect(JSON.parse(attributes.Attributes!.RedrivePolicy!)).toEqual({
    deadLetterTargetArn: `${slow.arn}-dlq`,
    maxReceiveCount: 4
  });
  release();
  await slow.drained();
  const after = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: url,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible']
    })
  );
  expect(after.Attributes).toEqual({
    ApproximateNumberOfMessages: '0',
    ApproximateNumberOfMessagesNotVisible: '0'
  });
  await expect(
    sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Nope' as never] }))
  ).rejects.toMatchObject({ name: 'InvalidAttributeName' });
});

test('a message that fails every receive is counted by the dead-letter queue', async () => {
  const failing = stack.createQueue({
    name: 'failing',
    maxReceiveCount: 2,
    visibilityTimeoutMs: 5,
    handler: async () => {
      throw new Error('always');
    }
  });
  await sqs.send(new SendMessageCommand({ QueueUrl: stack.queueUrl(failing), MessageBody: 'doomed' }));
  await failing.drained();
  const dlq = await sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: stack.deadLetterQueueUrl(failing),
      AttributeNames: ['ApproximateNumberOfMessages', 'QueueArn']
    })
  );
  expect(dlq.Attributes).toEqual({ ApproximateNumberOfMessages: '1', QueueArn: `${failing.arn}-dlq` });
  expect(failing.deadLetters.map((d) => d.body)).toEqual(['doomed']);
});

test('sqs message body validity: accepted exactly when made of the characters SQS allows, up to 256 KiB', () => {
  const allowed = (cp: number): boolean =>
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    cp >= 0x10000;
  fc.assert(
    fc.property(fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }), (body) => {
      const expected = [...body].every((ch) => allowed(ch.codePointAt(0)!));
      expect(invalidMessageBody(body) === undefined).toBe(expected);
    }),
    { numRuns: 300 }
  );
  expect(invalidMessageBody('a'.repeat(MAX_MESSAGE_BYTES))).toBeUndefined();
  expect(invalidMessageBody('a'.repeat(MAX_MESSAGE_BYTES + 1))).toMatch(/shorter/);
  expect(isValidBatchEntryId('a'.repeat(80))).toBe(true);
  expect(isValidBatchEntryId('a'.repeat(81))).toBe(false);
});

test('only the JSON protocol is served', async () => {
  const response = await fetch(stack.sqs.endpoint, { method: 'POST', body: 'Action=SendMessage' });
  expect(response.status).toBe(400);
  expect(await response.json()).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidAction' });
  const notJson = await fetch(stack.sqs.endpoint, {
    method: 'POST',
    headers: { 'X-Amz-Target': 'AmazonSQS.SendMessage' },
    body: '{'
  });
  expect(await notJson.json()).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidParameterValue' });
  const unknown = await fetch(stack.sqs.endpoint, {
    method: 'POST',
    headers: { 'X-Amz-Target': 'AmazonSQS.PurgeQueue' },
    body: '{}'
  });
  expect(await unknown.json()).toMatchObject({ __type: 'com.amazonaws.sqs#InvalidAction' });
});
