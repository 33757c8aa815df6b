import { randomUUID } from 'node:crypto';

import type { Context } from 'aws-lambda';

/**
 * A Lambda context for an invocation run in this process (local queue, reliability suite, backfill):
 * what Powertools' registerLambdaContext and the logger need, with a deadline `timeoutMs` from now.
 */
export function createLambdaContext(
  functionName: string,
  timeoutMs: number,
  region: string = 'us-east-1'
): Context {
  const deadline = Date.now() + timeoutMs;
  const awsRequestId = randomUUID();
  const fail = (): void => undefined;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: `local/[$LATEST]${awsRequestId.replace(/-/g, '')}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: fail,
    fail,
    succeed: fail
  };
}
