// Powertools' DynamoDBPersistenceLayer defaults: partition key attribute `id` (string); it writes the
// record with a condition (attribute_not_exists(id) OR expired) and reads it back on a duplicate.
import {
  ConditionalCheckFailedException,
  DescribeTableCommand,
  type DynamoDBClient,
  PutItemCommand
} from '@aws-sdk/client-dynamodb';

import { LocalAws } from '../local-aws';
import { createIdempotencyTable } from './idempotency-table';

let stack: LocalAws;
let client: DynamoDBClient;

beforeAll(async () => {
  stack = await LocalAws.start();
  client = stack.dynamoDbClient();
});
afterAll(() => stack.stop());

test('the idempotency table is active at once with partition key id (string)', async () => {
  await createIdempotencyTable(client, 'idempotency');
  const { Table } = await client.send(new DescribeTableCommand({ TableName: 'idempotency' }));
  expect(Table).toMatchObject({
    TableStatus: 'ACTIVE',
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }]
  });
});

test('creating it twice is harmless', async () => {
  await createIdempotencyTable(client, 'twice');
  await expect(createIdempotencyTable(client, 'twice')).resolves.toBeUndefined();
});

test('a second conditional put of the same id fails with ConditionalCheckFailedException', async () => {
  await createIdempotencyTable(client, 'conditional');
  const put = () =>
    client.send(
      new PutItemCommand({
        TableName: 'conditional',
        Item: { id: { S: 'event-1' }, status: { S: 'INPROGRESS' } },
        ConditionExpression: 'attribute_not_exists(id)'
      })
    );
  await put();
  await expect(put()).rejects.toBeInstanceOf(ConditionalCheckFailedException);
});
