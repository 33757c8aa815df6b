import { createHandler, createLambdaRuntime, lazyRuntime } from '@reporting/lambda-runtime';
import { templateLambda } from './lambda';

/** Lambda entry point (`index.handler`): S3 → SQS (partial batch), direct S3 and EventBridge invocations. */
export const handler: ReturnType<typeof createHandler> = createHandler(
  lazyRuntime(() => createLambdaRuntime(templateLambda))
);

/** The lambda's declaration, for tools that run it elsewhere (local stack, tests). */
export { templateLambda };
