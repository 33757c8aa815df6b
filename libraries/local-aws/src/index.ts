export { createLocalDynamoDbClient, createLocalS3Client } from './clients';
export { DEFAULT_REGION, LOCAL_CREDENTIALS } from './credentials';
export type { FaultCandidate, FaultKind, FaultPlan } from './faults/fault-injector';
export { LocalS3, type LocalS3Options, type S3RequestRecord, startLocalS3 } from './s3/local-s3';
export type { ObjectChange } from './s3/s3-handler-context';
