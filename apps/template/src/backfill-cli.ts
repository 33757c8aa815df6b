import { runBackfillCommand, type BackfillCommand } from '@reporting/backfill';
import { createLambdaRuntime } from '@reporting/lambda-runtime';
import { templateLambda } from './lambda';

export const TEMPLATE_LAMBDA_BACKFILL: BackfillCommand = {
  name: 'template-backfill',
  createRuntime: (clients) => createLambdaRuntime(templateLambda, process.env, clients),
  // Worker threads (`--workers N`) load this module and build their runtime from the same environment.
  worker: { path: __filename, exportName: 'TEMPLATE_LAMBDA_BACKFILL' }
};

/** `bin/backfill.js`: replays every .json file under SOURCE_PREFIX through this lambda's processing. */
export function main(argv: readonly string[]): Promise<number> {
  return runBackfillCommand(TEMPLATE_LAMBDA_BACKFILL, argv);
}
