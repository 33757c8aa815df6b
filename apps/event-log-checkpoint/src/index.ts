import { createHandler, createLambdaRuntime, lazyRuntime } from '@reporting/lambda-runtime';
import { eventLogLambda } from './event-log-lambda';

/** Lambda entry point (`index.handler`): the shared runtime around the event-log rules, built on first use. */
export const handler: ReturnType<typeof createHandler> = createHandler(
  lazyRuntime(() => createLambdaRuntime(eventLogLambda))
);

/** The lambda's declaration, for tools that run it elsewhere (local stack, reliability suite). */
export { eventLogLambda };
