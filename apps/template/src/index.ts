import {
  createHandler,
  createLambdaRuntime,
  lazyRuntime,
  type LambdaDefinition,
  type Runtime,
  type RuntimeOverrides
} from '@reporting/lambda-runtime';
import { templateLambdaFileProcessor } from './file-processor';

/** The shared runtime (configuration, clients, idempotency, checkpoints) around this lambda's file processor. */
export const TEMPLATE_LAMBDA: LambdaDefinition = {
  fileProcessor: (config) => templateLambdaFileProcessor(config.checkpointKeyTemplate)
};

/** Validates the environment (data-source-config.schema.json) and wires the clients; tests pass overrides. */
export const createRuntime = (
  env: NodeJS.ProcessEnv = process.env,
  overrides: RuntimeOverrides = {}
): Runtime => createLambdaRuntime(TEMPLATE_LAMBDA, env, overrides);

/** Lambda entry point (`index.handler`): S3 → SQS (partial batch), direct S3 and EventBridge invocations. */
export const handler: ReturnType<typeof createHandler> = createHandler(lazyRuntime(() => createRuntime()));

export type { Runtime, RuntimeOverrides };
export { templateLambdaFileProcessor } from './file-processor';
export { validateInputRecord, toCheckpointRows, type InputRecord } from './record-schema';
