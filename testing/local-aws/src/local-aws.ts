import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import type { SSMClient, SSMClientConfig } from '@aws-sdk/client-ssm';
import * as path from 'node:path';

import { createLocalDynamoDbClient, createLocalS3Client } from './clients';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from './credentials';
import { LocalDynamoDb, type LocalDynamoDbOptions } from './dynamodb/local-dynamodb';
import { LocalQueue, type LocalQueueOptions } from './queue/local-queue';
import { LocalS3, type LocalS3Options } from './s3/local-s3';
import { LocalSqs } from './sqs/local-sqs';
import { LocalSsm, type LocalSsmOptions } from './ssm/local-ssm';
import { createLocalSsmClient } from './ssm/ssm-client';

export interface LocalAwsOptions {
  /** Keep data here (s3/ and dynamodb/ inside); default: temporary S3 folder and in-memory DynamoDB. */
  directory?: string;
  s3?: Omit<LocalS3Options, 'directory'>;
  /** false: no DynamoDB. */
  dynamoDb?: Omit<LocalDynamoDbOptions, 'directory'> | false;
  /** SSM Parameter Store (in memory). */
  ssm?: LocalSsmOptions;
}

/** The standard SDK variables that point any AWS SDK or the AWS CLI at the local stack. */
export type LocalAwsEnvironment = Record<
  | 'AWS_ENDPOINT_URL_S3'
  | 'AWS_ENDPOINT_URL_DYNAMODB'
  | 'AWS_ENDPOINT_URL_SQS'
  | 'AWS_ENDPOINT_URL_SSM'
  | 'AWS_ACCESS_KEY_ID'
  | 'AWS_SECRET_ACCESS_KEY'
  | 'AWS_REGION',
  string
>;

/**
 * S3 + DynamoDB + local queues (with their SQS API) + SSM Parameter Store, started together and
 * stopped together.
 */
export class LocalAws {
  readonly s3: LocalS3;
  readonly dynamoDb: LocalDynamoDb | undefined;
  /** The SQS API of the queues made with `createQueue`. */
  readonly sqs: LocalSqs;
  readonly ssm: LocalSsm;
  private readonly _queues: LocalQueue[] = [];
  private readonly _clients: { destroy(): void }[] = [];

  private constructor(s3: LocalS3, dynamoDb: LocalDynamoDb | undefined, sqs: LocalSqs, ssm: LocalSsm) {
    this.s3 = s3;
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.ssm = ssm;
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
      try {
        const sqs = await LocalSqs.start();
        try {
          return new LocalAws(s3, dynamoDb, sqs, await LocalSsm.start(options.ssm));
        } catch (error) {
          await sqs.stop();
          throw error;
        }
      } catch (error) {
        await dynamoDb?.stop();
        throw error;
      }
    } catch (error) {
      await s3.stop();
      throw error;
    }
  }

  environment(): LocalAwsEnvironment {
    return {
      AWS_ENDPOINT_URL_S3: this.s3.endpoint,
      AWS_ENDPOINT_URL_DYNAMODB: this.dynamoDb?.endpoint ?? '',
      AWS_ENDPOINT_URL_SQS: this.sqs.endpoint,
      AWS_ENDPOINT_URL_SSM: this.ssm.endpoint,
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

  /** An SSM client for this stack; destroyed at stop. */
  ssmClient(overrides?: SSMClientConfig): SSMClient {
    const client = createLocalSsmClient(this.ssm.endpoint, overrides);
    this._clients.push(client);
    return client;
  }

  /**
   * A local SQS-like queue driving a handler; stopped at stop. It is also reachable over the SQS API
   * (`queueUrl`, `deadLetterQueueUrl`): sent messages reach the handler as notifications do.
   */
  createQueue(options: LocalQueueOptions): LocalQueue {
    const queue = new LocalQueue(options);
    this._queues.push(queue);
    this.sqs.register(queue);
    return queue;
  }

  /** The SQS queue URL of a queue of this stack (SendMessage, SendMessageBatch, GetQueueAttributes). */
  queueUrl(queue: LocalQueue): string {
    return this.sqs.queueUrl(queue);
  }

  /** The URL of a queue's dead letters, as a queue that answers GetQueueAttributes. */
  deadLetterQueueUrl(queue: LocalQueue): string {
    return this.sqs.deadLetterQueueUrl(queue);
  }

  async stop(): Promise<void> {
    for (const client of this._clients) client.destroy();
    await Promise.all(this._queues.map((queue) => queue.stop()));
    await Promise.all([this.s3.stop(), this.dynamoDb?.stop(), this.sqs.stop(), this.ssm.stop()]);
  }
}

export function startLocalAws(options?: LocalAwsOptions): Promise<LocalAws> {
  return LocalAws.start(options);
}
