import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';

/**
 * Floors for the cold-init benchmark: the AWS calls of the lambda's first event with none of its own
 * work (no validation, no parquet), so that the bundle's figure can be split into what the SDK and
 * Powertools cost and what the lambda adds. Not deployed; bundled by `cold-init-bench.js --floors`.
 */
export interface ObjectRef {
  bucket: string;
  key: string;
  eTag: string;
}

export function objectOf(event: S3Event): ObjectRef {
  const { bucket, object } = event.Records[0].s3;
  return { bucket: bucket.name, key: decodeURIComponent(object.key.replace(/\+/g, ' ')), eTag: object.eTag };
}

/** GetObject of the file, a ranged GetObject of the checkpoint's tail, PutObject of a result. */
export async function readAndWrite(s3: S3Client, ref: ObjectRef): Promise<void> {
  const file = await s3.send(
    new GetObjectCommand({ Bucket: ref.bucket, Key: ref.key, IfMatch: `"${ref.eTag}"` })
  );
  const body = await file.Body!.transformToString();
  const checkpointBucket = process.env.CHECKPOINT_BUCKET!;
  try {
    const tail = await s3.send(
      new GetObjectCommand({ Bucket: checkpointBucket, Key: 'floors/checkpoint', Range: 'bytes=0-65535' })
    );
    await tail.Body!.transformToByteArray();
  } catch {
    // The first run finds no checkpoint, as a lambda's first append does.
  }
  await s3.send(
    new PutObjectCommand({ Bucket: checkpointBucket, Key: 'floors/checkpoint', Body: Buffer.from(body) })
  );
}

/** The same calls with the idempotency record written by hand: PutItem before, UpdateItem after. */
export async function sdkCalls(s3: S3Client, dynamodb: DynamoDBClient, ref: ObjectRef): Promise<void> {
  const table = process.env.IDEMPOTENCY_TABLE!;
  const id = { S: `${ref.bucket}/${ref.key}#${ref.eTag}` };
  await dynamodb.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        id,
        status: { S: 'INPROGRESS' },
        expiration: { N: String(Math.floor(Date.now() / 1000) + 3600) }
      },
      ConditionExpression: 'attribute_not_exists(id)'
    })
  );
  await readAndWrite(s3, ref);
  await dynamodb.send(
    new UpdateItemCommand({
      TableName: table,
      Key: { id },
      UpdateExpression: 'SET #s = :c',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':c': { S: 'COMPLETED' } }
    })
  );
}
