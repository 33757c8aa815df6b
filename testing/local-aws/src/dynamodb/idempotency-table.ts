import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceInUseException
} from '@aws-sdk/client-dynamodb';

const ACTIVE_POLL_MS = 10;
const ACTIVE_TIMEOUT_MS = 10_000;

/**
 * Creates the table Powertools for AWS Lambda's idempotency utility uses by default: partition key
 * `id` (string), on-demand, and returns once it is ACTIVE. Does nothing if it exists. (dynalite has
 * no UpdateTimeToLive, so the `expiration` TTL attribute is not configured; Powertools checks expiry
 * itself.)
 */
export async function createIdempotencyTable(
  client: DynamoDBClient,
  tableName: string = 'idempotency'
): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST'
      })
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  await untilActive(client, tableName);
}

// dynalite (like DynamoDB) answers CreateTable with status CREATING and flips it to ACTIVE a moment
// later; writes before that fail with ResourceNotFoundException. On a disk-backed folder under load
// that moment was long enough for a PutItem to lose the race (CI, 2026-12-06).
async function untilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  const deadline = Date.now() + ACTIVE_TIMEOUT_MS;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    if (Date.now() > deadline) {
      throw new Error(
        `DynamoDB table ${tableName} is still ${Table?.TableStatus} after ${ACTIVE_TIMEOUT_MS} ms`
      );
    }
    await new Promise((resolve) => setTimeout(resolve, ACTIVE_POLL_MS));
  }
}
