// Start and stop leave nothing behind: the ports refuse connections and can be bound again, the
// temporary folder is gone, and a kept folder still holds the data at the next start.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

import { createIdempotencyTable } from './dynamodb/idempotency-table';
import { LocalAws } from './local-aws';

function connectionOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

function bindOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve('bound')));
  });
}

/**
 * Two free ports below Linux's ephemeral range (32768+): parallel test files listen on port 0, which the
 * kernel serves from that range, so none of them can take these ports while a test stops and restarts.
 */
async function portsOutsideEphemeralRange(): Promise<{ s3: number; dynamoDb: number }> {
  const ports: number[] = [];
  for (let port = 20_000 + Math.floor(Math.random() * 10_000); ports.length < 2; port++) {
    if ((await bindOutcome(port)) === 'bound') ports.push(port);
  }
  return { s3: ports[0], dynamoDb: ports[1] };
}

test('after stop, both ports refuse connections and can be bound again, and the temporary folder is gone', async () => {
  const given = await portsOutsideEphemeralRange();
  const stack = await LocalAws.start({
    s3: { buckets: ['lifecycle-bucket'], port: given.s3 },
    dynamoDb: { port: given.dynamoDb }
  });
  const s3 = stack.s3Client();
  // Leave keep-alive connections open on purpose: stop must close them.
  await s3.send(new PutObjectCommand({ Bucket: 'lifecycle-bucket', Key: 'k', Body: 'x' }));
  await createIdempotencyTable(stack.dynamoDbClient());
  const ports = [stack.s3.port, stack.dynamoDb!.port];
  const folder = stack.s3.directory;
  expect(await Promise.all(ports.map(connectionOutcome))).toEqual(['connected', 'connected']);
  await stack.stop();
  expect(await Promise.all(ports.map(connectionOutcome))).toEqual(['ECONNREFUSED', 'ECONNREFUSED']);
  expect(await Promise.all(ports.map(bindOutcome))).toEqual(['bound', 'bound']);
  expect(existsSync(folder)).toBe(false);
});

test('given ports are used, and a kept folder keeps S3 objects and DynamoDB items across restarts', async () => {
  const directory = mkdtempSync(path.join(tmpdir(), 'local-aws-kept-'));
  try {
    const given = await portsOutsideEphemeralRange();
    const first = await LocalAws.start({
      directory,
      s3: { buckets: ['kept-bucket'], port: given.s3 },
      dynamoDb: { port: given.dynamoDb }
    });
    await first.s3Client().send(new PutObjectCommand({ Bucket: 'kept-bucket', Key: 'a/b', Body: 'kept' }));
    const dynamoDb = first.dynamoDbClient();
    await createIdempotencyTable(dynamoDb, 'kept-table');
    await dynamoDb.send(new PutItemCommand({ TableName: 'kept-table', Item: { id: { S: 'one' } } }));
    const ports = { s3: first.s3.port, dynamoDb: first.dynamoDb!.port };
    await first.stop();

    const second = await LocalAws.start({
      directory,
      s3: { port: ports.s3 },
      dynamoDb: { port: ports.dynamoDb }
    });
    try {
      expect([second.s3.port, second.dynamoDb!.port]).toEqual([ports.s3, ports.dynamoDb]);
      const object = await second
        .s3Client()
        .send(new GetObjectCommand({ Bucket: 'kept-bucket', Key: 'a/b' }));
      expect(await object.Body!.transformToString()).toBe('kept');
      const item = await second
        .dynamoDbClient()
        .send(new GetItemCommand({ TableName: 'kept-table', Key: { id: { S: 'one' } } }));
      expect(item.Item).toEqual({ id: { S: 'one' } });
    } finally {
      await second.stop();
    }
    expect(existsSync(path.join(directory, 's3', 'buckets', 'kept-bucket'))).toBe(true);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

test('environment() gives the SDK standard variables for the stack', async () => {
  const stack = await LocalAws.start({ dynamoDb: false });
  try {
    expect(stack.environment()).toEqual({
      AWS_ENDPOINT_URL_S3: stack.s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: '',
      AWS_ENDPOINT_URL_SQS: stack.sqs.endpoint,
      AWS_ENDPOINT_URL_SSM: stack.ssm.endpoint,
      AWS_ACCESS_KEY_ID: 'S3RVER',
      AWS_SECRET_ACCESS_KEY: 'S3RVER',
      AWS_REGION: 'us-east-1'
    });
    expect(() => stack.dynamoDbClient()).toThrow(/without DynamoDB/);
  } finally {
    await stack.stop();
  }
});
