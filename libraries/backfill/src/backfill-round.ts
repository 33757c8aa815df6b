import type { Context } from 'aws-lambda';
import { tallyResults, type RoundRunner } from './backfill';
import { createLambdaContext } from '@reporting/utils';
import type { ChangeProcessor } from '@reporting/lambda-runtime';

/** How long an in-progress idempotency record of a backfill round holds before another run may take over. */
export const BACKFILL_LEASE_MS = 10 * 60 * 1000;

/**
 * One round through a runtime's processor, like one Lambda invocation: a fresh Lambda-like context
 * for idempotency, then the changes.
 */
export function roundRunner(
  runtime: { processor: ChangeProcessor; idempotency: { registerContext(context: Context): void } },
  name: string
): RoundRunner {
  return async (changes) => {
    runtime.idempotency.registerContext(createLambdaContext(name, BACKFILL_LEASE_MS));
    return tallyResults(await runtime.processor.processChanges(changes), changes);
  };
}
