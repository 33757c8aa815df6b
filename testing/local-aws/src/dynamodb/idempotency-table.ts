import { CreateTableCommand, type DynamoDBClient, ResourceInUseException } from '@aws-sdk/client-dynamodb';

/**
 * Creates the table Powertools for AWS Lambda's idempotency utility uses by default: partition key
 * `id` (string), on-demand. Does nothing if it exists. (dynalite has no UpdateTimeToLive, so the
 * `expiration` TTL attribute is not configured; Powertools checks expiry itself.)
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
}
