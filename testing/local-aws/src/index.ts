import './quiet-sdk-node-warning';
export { createLocalDynamoDbClient, createLocalS3Client } from './clients';
export { DEFAULT_REGION, LOCAL_CREDENTIALS } from './credentials';
export { createIdempotencyTable } from './dynamodb/idempotency-table';
export {
  type DynamoDbRequestRecord,
  LocalDynamoDb,
  type LocalDynamoDbOptions,
  startLocalDynamoDb
} from './dynamodb/local-dynamodb';
export type { FaultCandidate, FaultKind, FaultPlan } from './faults/fault-injector';
export {
  type BundleInvocation,
  invokeBundleInFreshProcess,
  LAMBDA_ENVIRONMENT,
  nodesToTestBundlesOn
} from './lambda/fresh-process-invoke';
export { LocalAws, type LocalAwsEnvironment, type LocalAwsOptions, startLocalAws } from './local-aws';
export type {
  BucketNotificationConfiguration,
  QueueNotification,
  S3EventType
} from './notifications/notification-configuration';
export { uploadWithNotification } from './notifications/direct-notification';
export {
  type DeadLetter,
  LocalQueue,
  type LocalQueueOptions,
  type QueueInvocation,
  type SqsHandler
} from './queue/local-queue';
export { deadLetterQueueName, LOCAL_ACCOUNT_ID, LocalSqs } from './sqs/local-sqs';
export { createLocalSsmClient } from './ssm/ssm-client';
export { LocalSsm, type LocalSsmOptions, type SsmRequestRecord, startLocalSsm } from './ssm/local-ssm';
export { type ParameterType, type ParameterView, ParameterStore } from './ssm/parameter-store';
export { LocalS3, type LocalS3Options, type S3RequestRecord, startLocalS3 } from './s3/local-s3';
export type { ObjectChange } from './s3/s3-handler-context';
