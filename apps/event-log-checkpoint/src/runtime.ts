import {
  createLambdaRuntime,
  lazyRuntime as lazy,
  type LambdaDefinition,
  type Runtime,
  type RuntimeOverrides
} from '@reporting/lambda-runtime';
import { eventFileProcessor } from './event-file-processor';

export type { Runtime, RuntimeOverrides };

/** The event-log lambda: the shared runtime around its file processor. */
export const EVENT_LOG_LAMBDA: LambdaDefinition = {
  fileProcessor: (config) => eventFileProcessor(config.checkpointKeyTemplate)
};

/** Validates configuration (ConfigurationError listing every problem) and wires the clients. */
export function createRuntime(
  env: NodeJS.ProcessEnv = process.env,
  overrides: RuntimeOverrides = {}
): Runtime {
  return createLambdaRuntime(EVENT_LOG_LAMBDA, env, overrides);
}

/** A runtime built on first use and kept for the life of the execution environment. */
export function lazyRuntime(factory: () => Runtime = () => createRuntime()): () => Runtime {
  return lazy(factory);
}
