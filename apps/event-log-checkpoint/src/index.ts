import { createHandler } from './handler';
import { lazyRuntime } from './runtime';

/** Lambda entry point (`index.handler`). */
export const handler = createHandler(lazyRuntime());

export { createHandler } from './handler';
export { createRuntime, lazyRuntime, type Runtime, type RuntimeOverrides } from './runtime';
export { loadConfig, CONFIG_VARIABLES, type LambdaConfig } from './config';
export { IDEMPOTENCY_KEY_ATTRIBUTE, IDEMPOTENCY_TTL_ATTRIBUTE } from './idempotency';
export {
  ObjectProcessor,
  summarize,
  type ChangeResult,
  type ObjectOutcome,
  type CrashPoint
} from './object-processor';
