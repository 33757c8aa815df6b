import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
// The module, not the package: the package's index also loads Powertools and the X-Ray SDK.
import { createS3Client } from '@reporting/lambda-runtime/s3-client';
import { objectOf, sdkCalls } from './first-event-calls';

/** Floor 1: the first event's AWS calls on the bare SDK clients (configured as the lambda's). */
const s3 = createS3Client();
const dynamodb = new DynamoDBClient({});

export async function handler(event: S3Event): Promise<{ statusCode: number }> {
  await sdkCalls(s3, dynamodb, objectOf(event));
  return { statusCode: 200 };
}
