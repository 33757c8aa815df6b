export {
  backfill,
  listObjectChanges,
  formatProgress,
  formatSummary,
  tallyResults,
  mergeTallies,
  runRounds,
  type BackfillTally,
  type RoundRunner,
  type BackfillOptions,
  type BackfillProgress,
  type BackfillSummary
} from './backfill';
export {
  runBackfillCommand,
  parseBackfillArgs,
  backfillUsage,
  backfillWith,
  DEFAULT_BACKFILL_WORKERS,
  type BackfillRunOptions,
  type BackfillArgs,
  type BackfillCommand,
  type BackfillRuntime
} from './backfill-cli';
export { BackfillWorkerPool, type BackfillWorkerModule } from './backfill-workers';
export { roundRunner, BACKFILL_LEASE_MS } from './backfill-round';
export { createBackfillClients, BACKFILL_MAX_SOCKETS, type BackfillClients } from './backfill-clients';
