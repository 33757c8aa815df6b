import { createHandler } from '@reporting/lambda-runtime';
import { lazyRuntime } from './runtime';

/** Lambda entry point (`index.handler`). */
export const handler = createHandler(lazyRuntime());

export { createHandler, loadConfig, CONFIG_VARIABLES, type LambdaConfig } from '@reporting/lambda-runtime';
export { createRuntime, lazyRuntime, EVENT_LOG_LAMBDA, type Runtime, type RuntimeOverrides } from './runtime';
export { eventFileProcessor } from './event-file-processor';
export {
  IDEMPOTENCY_KEY_ATTRIBUTE,
  IDEMPOTENCY_TTL_ATTRIBUTE,
  ObjectProcessor,
  summarize,
  type ChangeResult,
  type ObjectOutcome,
  type CrashPoint
} from '@reporting/object-processing';
