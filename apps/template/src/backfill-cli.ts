import { runBackfillCommand, type BackfillCommand } from '@reporting/object-processing';
import { createRuntime } from './index';

export const TEMPLATE_LAMBDA_BACKFILL: BackfillCommand = {
  name: 'template-backfill',
  createRuntime: (clients) => createRuntime(process.env, clients),
  // Worker threads (`--workers N`) load this module and build their runtime from the same environment.
  worker: { path: __filename, exportName: 'TEMPLATE_LAMBDA_BACKFILL' }
};

/** `bin/backfill.js`: replays every .json file under SOURCE_PREFIX through this lambda's processing. */
export function main(argv: readonly string[]): Promise<number> {
  return runBackfillCommand(TEMPLATE_LAMBDA_BACKFILL, argv);
}
