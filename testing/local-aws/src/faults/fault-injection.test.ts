// Faults as S3 and DynamoDB report them (S3 error responses: InternalError 500, SlowDown 503;
// DynamoDB: ThrottlingException and ProvisionedThroughputExceededException 400, InternalServerError 500).
import { CreateTableCommand, DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';

import { LocalAws } from '../local-aws';
import { s3Failure } from '../test/conformance-target';
import { FaultInjector } from './fault-injector';

let stack: LocalAws;
const BUCKET = 'faulty-bucket';

beforeAll(async () => {
  stack = await LocalAws.start({ s3: { buckets: [BUCKET] } });
});
afterAll(() => stack.stop());
afterEach(() => {
  stack.s3.setFaults(undefined);
  stack.dynamoDb!.setFaults(undefined);
});

test.each([
  ['internal-error', 'InternalError', 500],
  ['slow-down', 'SlowDown', 503]
] as const)('an S3 %s fault answers %s with status %d', async (kind, name, status) => {
  const s3 = stack.s3Client({ maxAttempts: 1 });
  stack.s3.setFaults({ rate: 1, kinds: [kind] });
  expect(await s3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'x' })))).toEqual({
    name,
    status
  });
});

test.each([
  ['throttling', 'ThrottlingException', 400],
  ['provisioned-throughput-exceeded', 'ProvisionedThroughputExceededException', 400],
  ['internal-error', 'InternalServerError', 500]
] as const)('a DynamoDB %s fault answers %s with status %d', async (kind, name, status) => {
  const dynamoDb = stack.dynamoDbClient({ maxAttempts: 1 });
  stack.dynamoDb!.setFaults({ rate: 1, kinds: [kind] });
  expect(await s3Failure(dynamoDb.send(new ListTablesCommand({})))).toEqual({ name, status });
});

test('a connection-reset fault drops the connection', async () => {
  const s3 = stack.s3Client({ maxAttempts: 1 });
  stack.s3.setFaults({ rate: 1, kinds: ['connection-reset'] });
  await expect(s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))).rejects.toThrow(
    /socket hang up|ECONNRESET/
  );
});

test('an "after" fault applies the write but answers with the error', async () => {
  const s3 = stack.s3Client({ maxAttempts: 1 });
  stack.s3.setFaults({
    rate: 1,
    kinds: ['internal-error'],
    timing: 'after',
    match: (r) => r.operation === 'PutObject'
  });
  expect(
    (await s3Failure(s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'applied', Body: 'yes' })))).status
  ).toBe(500);
  stack.s3.setFaults(undefined);
  const stored = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'applied' }));
  expect(await stored.Body!.transformToString()).toBe('yes');
});

test('a DynamoDB "after" fault applies the request but answers with the error', async () => {
  const dynamoDb = stack.dynamoDbClient({ maxAttempts: 1 });
  stack.dynamoDb!.setFaults({ rate: 1, kinds: ['internal-error'], timing: 'after' });
  const failure = await s3Failure(
    dynamoDb.send(
      new CreateTableCommand({
        TableName: 'created-anyway',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST'
      })
    )
  );
  expect(failure.status).toBe(500);
  stack.dynamoDb!.setFaults(undefined);
  const table = await dynamoDb.send(new DescribeTableCommand({ TableName: 'created-anyway' }));
  expect(table.Table?.TableStatus).toBe('ACTIVE');
});

test('latency delays the answer by about the given time', async () => {
  const s3 = stack.s3Client();
  stack.s3.setFaults({ rate: 1, kinds: ['latency'], latencyMs: 150 });
  const started = performance.now();
  await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'slow', Body: 'x' }));
  expect(performance.now() - started).toBeGreaterThanOrEqual(145);
});

test('the SDK retries injected faults: with a 30% fault rate every write still succeeds', async () => {
  const s3 = stack.s3Client({ maxAttempts: 10 });
  stack.s3.setFaults({ rate: 0.3, kinds: ['internal-error', 'slow-down'], seed: 3 });
  for (let i = 0; i < 20; i++)
    await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: `retry/${i}`, Body: 'x' }));
  const injected = stack.s3.faults.injected;
  expect((injected['internal-error'] ?? 0) + (injected['slow-down'] ?? 0)).toBeGreaterThan(0);
});

test('the same seed chooses the same requests and kinds; another seed chooses differently', () => {
  const decisions = (seed: number) => {
    const injector = new FaultInjector();
    injector.setPlan({ rate: 0.3, kinds: ['internal-error', 'slow-down', 'latency'], seed });
    return Array.from(
      { length: 200 },
      () => injector.decide({ service: 's3', operation: 'PutObject' })?.kind ?? '-'
    );
  };
  expect(decisions(11)).toEqual(decisions(11));
  expect(decisions(11)).not.toEqual(decisions(12));
  const faults = decisions(11).filter((d) => d !== '-').length;
  expect(faults).toBeGreaterThan(35);
  expect(faults).toBeLessThan(85);
});

test('a plan with a rate outside 0–1 or no kinds is refused', () => {
  const injector = new FaultInjector();
  expect(() => injector.setPlan({ rate: 1.5, kinds: ['latency'] })).toThrow();
  expect(() => injector.setPlan({ rate: 0.5, kinds: [] })).toThrow();
});
