import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import * as path from 'node:path';

import { createLocalDynamoDbClient, createLocalS3Client } from './clients';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from './credentials';
import { LocalDynamoDb, type LocalDynamoDbOptions } from './dynamodb/local-dynamodb';
import { LocalQueue, type LocalQueueOptions } from './queue/local-queue';
import { LocalS3, type LocalS3Options } from './s3/local-s3';

export interface LocalAwsOptions {
  /** Keep data here (s3/ and dynamodb/ inside); default: temporary S3 folder and in-memory DynamoDB. */
  directory?: string;
  s3?: Omit<LocalS3Options, 'directory'>;
  /** false: no DynamoDB. */
  dynamoDb?: Omit<LocalDynamoDbOptions, 'directory'> | false;
}

/** The standard SDK variables that point any AWS SDK or the AWS CLI at the local stack. */
export type LocalAwsEnvironment = Record<
  | 'AWS_ENDPOINT_URL_S3'
  | 'AWS_ENDPOINT_URL_DYNAMODB'
  | 'AWS_ACCESS_KEY_ID'
  | 'AWS_SECRET_ACCESS_KEY'
  | 'AWS_REGION',
  string
>;

/** S3 + DynamoDB + local queues, started together and stopped together. */
export class LocalAws {
  readonly s3: LocalS3;
  readonly dynamoDb: LocalDynamoDb | undefined;
  private readonly _queues: LocalQueue[] = [];
  private readonly _clients: { destroy(): void }[] = [];

  private constructor(s3: LocalS3, dynamoDb: LocalDynamoDb | undefined) {
    this.s3 = s3;
    this.dynamoDb = dynamoDb;
  }

  static async start(options: LocalAwsOptions = {}): Promise<LocalAws> {
    const s3 = await LocalS3.start({
      ...options.s3,
      directory: options.directory ? path.join(options.directory, 's3') : undefined
    });
    try {
      const dynamoDb =
        options.dynamoDb === false
          ? undefined
          : await LocalDynamoDb.start({
              ...options.dynamoDb,
              directory: options.directory ? path.join(options.directory, 'dynamodb') : undefined
            });
      return new LocalAws(s3, dynamoDb);
    } catch (error) {
      await s3.stop();
      throw error;
    }
  }

  environment(): LocalAwsEnvironment {
    return {
      AWS_ENDPOINT_URL_S3: this.s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: this.dynamoDb?.endpoint ?? '',
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_REGION: DEFAULT_REGION
    };
  }

  /** An S3 client for this stack; destroyed at stop. */
  s3Client(overrides?: S3ClientConfig): S3Client {
    const client = createLocalS3Client(this.s3.endpoint, overrides);
    this._clients.push(client);
    return client;
  }

  /** A DynamoDB client for this stack; destroyed at stop. */
  dynamoDbClient(overrides?: DynamoDBClientConfig): DynamoDBClient {
    if (!this.dynamoDb) throw new Error('this stack was started without DynamoDB');
    const client = createLocalDynamoDbClient(this.dynamoDb.endpoint, overrides);
    this._clients.push(client);
    return client;
  }

  /** A local SQS-like queue driving a handler; stopped at stop. */
  createQueue(options: LocalQueueOptions): LocalQueue {
    const queue = new LocalQueue(options);
    this._queues.push(queue);
    return queue;
  }

  async stop(): Promise<void> {
    for (const client of this._clients) client.destroy();
    await Promise.all(this._queues.map((queue) => queue.stop()));
    await Promise.all([this.s3.stop(), this.dynamoDb?.stop()]);
  }
}

export function startLocalAws(options?: LocalAwsOptions): Promise<LocalAws> {
  return LocalAws.start(options);
}
