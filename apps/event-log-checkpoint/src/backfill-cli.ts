import { runBackfillCommand, type BackfillCommand } from '@reporting/backfill';
import { createLambdaRuntime } from '@reporting/lambda-runtime';
import { isOnOrAfter } from './backfill';
import { eventLogLambda } from './event-log-lambda';

export const EVENT_LOG_BACKFILL: BackfillCommand = {
  name: 'event-log-backfill',
  createRuntime: (clients) => createLambdaRuntime(eventLogLambda, process.env, clients),
  since: {
    describe:
      'only files whose name says their event happened on that day or later (others by name are kept)',
    select: isOnOrAfter
  },
  // Worker threads (`--workers N`) load this module and build their runtime from the same environment.
  worker: { path: __filename, exportName: 'EVENT_LOG_BACKFILL' }
};

/** `bin/backfill.js`: replays every event-log file under a prefix through the lambda's processing code. */
export function main(argv: readonly string[]): Promise<number> {
  return runBackfillCommand(EVENT_LOG_BACKFILL, argv);
}
