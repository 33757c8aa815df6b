import { createLambdaContext } from './lambda-context';

test("the context's remaining time counts down from the timeout", () => {
  const context = createLambdaContext('x-backfill', 60_000, 'eu-west-1');
  expect(context.functionName).toBe('x-backfill');
  expect(context.invokedFunctionArn).toBe('arn:aws:lambda:eu-west-1:000000000000:function:x-backfill');
  expect(context.getRemainingTimeInMillis()).toBeGreaterThan(59_000);
  expect(context.getRemainingTimeInMillis()).toBeLessThanOrEqual(60_000);
});

test('two contexts have different request ids', () => {
  expect(createLambdaContext('f', 1).awsRequestId).not.toBe(createLambdaContext('f', 1).awsRequestId);
});
