export { createS3Client } from './s3-client';
export { decodeS3EventKey } from './s3-key';
export {
  classifyTrigger,
  parseS3Notification,
  parseSqsS3Message,
  parseEventBridgeS3,
  objectVersionTag,
  type ObjectRef,
  type ObjectChange,
  type TriggerEvent
} from './notifications';
export { readObjectBounded, type ObjectRead } from './read-object';
export { createObservability, type Observability } from './observability';
