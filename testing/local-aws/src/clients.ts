import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

import { DEFAULT_REGION, LOCAL_CREDENTIALS } from './credentials';
import './quiet-sdk-node-warning';

/** An S3 client for a local endpoint: path-style addressing, dummy credentials, a region. */
export function createLocalS3Client(endpoint: string, overrides: S3ClientConfig = {}): S3Client {
  return new S3Client({
    endpoint,
    forcePathStyle: true,
    region: DEFAULT_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...overrides
  });
}

export function createLocalDynamoDbClient(
  endpoint: string,
  overrides: DynamoDBClientConfig = {}
): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: DEFAULT_REGION,
    credentials: LOCAL_CREDENTIALS,
    ...overrides
  });
}
