// The CLI as a person runs it: it prints `export` lines for the SDK's standard variables, serves
// until SIGTERM, then exits and leaves no port open.
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import * as path from 'node:path';

import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';

import { exportLines, main } from './cli';

const BIN = path.join(__dirname, '..', 'bin', 'local-aws.js');

function refused(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

test('the CLI prints export lines that point an SDK at it, and SIGTERM stops it leaving no port', async () => {
  const child = spawn(
    process.execPath,
    [BIN, '--bucket', 'cli-bucket', '--idempotency-table', 'idempotency'],
    {
      stdio: ['ignore', 'pipe', 'pipe']
    }
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stdout = '';
  const env = await new Promise<Record<string, string>>((resolve, reject) => {
    child.stdout.on('data', (data: Buffer) => {
      stdout += data.toString();
      const lines = stdout.split('\n').filter((l) => l.startsWith('export '));
      if (lines.length === 7) {
        resolve(
          Object.fromEntries(lines.map((l) => l.slice('export '.length).split('=') as [string, string]))
        );
      }
    });
    child.once('exit', () => reject(new Error(`CLI exited early: ${stdout}`)));
  });
  expect(Object.keys(env).sort()).toEqual([
    'AWS_ACCESS_KEY_ID',
    'AWS_ENDPOINT_URL_DYNAMODB',
    'AWS_ENDPOINT_URL_S3',
    'AWS_ENDPOINT_URL_SQS',
    'AWS_ENDPOINT_URL_SSM',
    'AWS_REGION',
    'AWS_SECRET_ACCESS_KEY'
  ]);
  const credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY };
  const s3 = new S3Client({
    endpoint: env.AWS_ENDPOINT_URL_S3,
    region: env.AWS_REGION,
    credentials,
    forcePathStyle: true
  });
  const dynamoDb = new DynamoDBClient({
    endpoint: env.AWS_ENDPOINT_URL_DYNAMODB,
    region: env.AWS_REGION,
    credentials
  });
  try {
    await s3.send(new PutObjectCommand({ Bucket: 'cli-bucket', Key: 'hello', Body: 'world' }));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'cli-bucket', Key: 'hello' }));
    expect(await got.Body!.transformToString()).toBe('world');
    const table = await dynamoDb.send(new DescribeTableCommand({ TableName: 'idempotency' }));
    expect(table.Table?.TableStatus).toBe('ACTIVE');
  } finally {
    s3.destroy();
    dynamoDb.destroy();
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(await refused(env.AWS_ENDPOINT_URL_S3)).toBe(true);
  expect(await refused(env.AWS_ENDPOINT_URL_DYNAMODB)).toBe(true);
  expect(await refused(env.AWS_ENDPOINT_URL_SQS)).toBe(true);
});

test('--help prints the usage and starts nothing (exit 0)', async () => {
  const lines: string[] = [];
  expect(await main(['--help'], (line) => lines.push(line))).toBe(0);
  expect(lines.join('\n')).toMatch(/^Usage: local-aws/);
});

test('an unknown option is refused with the usage on stderr, exit 2, and no stack trace', async () => {
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(await main(['--port', '9000'])).toBe(2);
    const [message] = error.mock.calls[0] as [string];
    expect(message).toMatch(/^Unknown option '--port'[^]*\nUsage: local-aws/);
    expect(message).not.toMatch(/\n\s+at /);
  } finally {
    error.mockRestore();
  }
});

test('--verify-signatures starts an S3 that refuses a wrong secret with SignatureDoesNotMatch', async () => {
  const stack = await main(['--verify-signatures'], () => undefined);
  if (typeof stack === 'number') throw new Error(`exit ${stack}`);
  const env = stack.environment();
  const wrong = new S3Client({
    endpoint: env.AWS_ENDPOINT_URL_S3,
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: 'wrong' },
    forcePathStyle: true,
    maxAttempts: 1
  });
  try {
    await stack.s3.createBucket('signed');
    const right = stack.s3Client();
    await right.send(new PutObjectCommand({ Bucket: 'signed', Key: 'k', Body: 'v' }));
    await expect(wrong.send(new GetObjectCommand({ Bucket: 'signed', Key: 'k' }))).rejects.toMatchObject({
      name: 'SignatureDoesNotMatch'
    });
  } finally {
    wrong.destroy();
    await stack.stop();
  }
});

test('export lines are shell assignments', () => {
  expect(exportLines({ AWS_REGION: 'us-east-1' })).toEqual(['export AWS_REGION=us-east-1']);
});
