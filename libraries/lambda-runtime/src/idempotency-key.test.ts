import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { createIdempotencyTable, startLocalAws, type LocalAws } from '@reporting/local-aws';
import { createLambdaContext } from '@reporting/utils';
import * as fc from 'fast-check';
import { createIdempotency } from './idempotency';
import {
  IDEMPOTENCY_STATUS_ATTRIBUTE,
  IDEMPOTENCY_STATUS_COMPLETED,
  idempotencyKey,
  idempotencyKeyPrefix
} from './idempotency-key';

const identity = fc.record({
  bucket: fc.string(),
  key: fc.string({ unit: 'grapheme' }),
  version: fc.string()
});

describe('idempotencyKey', () => {
  let stack: LocalAws;

  beforeAll(async () => {
    stack = await startLocalAws({ s3: { buckets: [] } });
    await createIdempotencyTable(stack.dynamoDbClient(), 'idempotency');
  });
  afterAll(() => stack.stop());

  it('is the id of the record the lambda writes for an object version (with and without a function name)', async () => {
    const client = stack.dynamoDbClient();
    for (const functionName of [undefined, 'event-log-checkpoint-prod']) {
      const saved = process.env.AWS_LAMBDA_FUNCTION_NAME;
      if (functionName) process.env.AWS_LAMBDA_FUNCTION_NAME = functionName;
      else delete process.env.AWS_LAMBDA_FUNCTION_NAME;
      try {
        const idempotency = createIdempotency('idempotency', client);
        idempotency.registerContext(createLambdaContext('f', 30_000));
        const once = idempotency.wrapper(async () => ({ status: 'filtered', reason: 'test', attempt: 'a' }));
        const object = { bucket: 'events', key: `prod/a b+ü ${functionName}.json`, version: 'e1' };
        await once(object, undefined);
        expect(idempotencyKeyPrefix()).toBe(functionName ?? '');
        const item = await client.send(
          new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: idempotencyKey(object) } } })
        );
        expect(item.Item?.[IDEMPOTENCY_STATUS_ATTRIBUTE]?.S).toBe(IDEMPOTENCY_STATUS_COMPLETED);
        const other = idempotencyKey({ ...object, version: 'e2' });
        const missing = await client.send(
          new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: other } } })
        );
        expect(missing.Item).toBeUndefined();
      } finally {
        if (saved === undefined) delete process.env.AWS_LAMBDA_FUNCTION_NAME;
        else process.env.AWS_LAMBDA_FUNCTION_NAME = saved;
      }
    }
  });

  it('an explicit key prefix (IDEMPOTENCY_KEY_PREFIX, a backfill outside Lambda) keys the records as the deployed function does', async () => {
    expect(idempotencyKeyPrefix({ IDEMPOTENCY_KEY_PREFIX: 'p', AWS_LAMBDA_FUNCTION_NAME: 'f' })).toBe('p');
    expect(idempotencyKeyPrefix({ IDEMPOTENCY_KEY_PREFIX: ' ', AWS_LAMBDA_FUNCTION_NAME: 'f' })).toBe('f');
    expect(idempotencyKeyPrefix({})).toBe('');
    const client = stack.dynamoDbClient();
    const idempotency = createIdempotency('idempotency', client, 'event-log-checkpoint-prod');
    idempotency.registerContext(createLambdaContext('backfill', 30_000));
    const once = idempotency.wrapper(async () => ({ status: 'filtered', reason: 'test', attempt: 'a' }));
    const object = { bucket: 'events', key: 'prod/explicit.json', version: 'e1' };
    await once(object, undefined);
    for (const [prefix, found] of [
      ['event-log-checkpoint-prod', true],
      ['', false]
    ] as const) {
      const item = await client.send(
        new GetItemCommand({ TableName: 'idempotency', Key: { id: { S: idempotencyKey(object, prefix) } } })
      );
      expect(item.Item !== undefined).toBe(found);
    }
  });

  it('powertools idempotency key: the key of every object identity is the one Powertools hashes', () => {
    const layer = new DynamoDBPersistenceLayer({
      tableName: 'idempotency',
      awsSdkV3Client: stack.dynamoDbClient()
    }) as unknown as { getHashedIdempotencyKey(data: unknown): string; idempotencyKeyPrefix: string };
    fc.assert(
      fc.property(identity, fc.string(), (object, prefix) => {
        layer.idempotencyKeyPrefix = prefix;
        expect(idempotencyKey(object, prefix)).toBe(layer.getHashedIdempotencyKey(object));
      }),
      { numRuns: 200 }
    );
  });
});
