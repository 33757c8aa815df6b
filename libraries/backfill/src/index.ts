export {
  backfill,
  listObjectChanges,
  listObjectPages,
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
export {
  createBackfillClients,
  BACKFILL_MAX_SOCKETS,
  SQS_MD5_DEFAULT,
  type BackfillClients,
  type BackfillClientOptions
} from './backfill-clients';
export { partitionDone, BATCH_GET_KEYS, type DoneObjectsOptions } from './done-objects';
export {
  replayNotification,
  packReplayMessages,
  REPLAY_CONFIGURATION_ID,
  MAX_REPLAY_MESSAGE_BYTES,
  SEND_BATCH_BYTES,
  type ReplayMessage
} from './replay-notification';
export {
  sendMessages,
  SEND_BATCH_ENTRIES,
  type OutgoingMessage,
  type SendOptions,
  type SendResult
} from './queue-sender';
export { queueDepth, waitForEmptyQueue, type QueueDepth } from './queue-depth';
export {
  backfillViaQueue,
  DEFAULT_RECORDS_PER_MESSAGE,
  formatQueueDepth,
  formatQueueProgress,
  formatQueueSummary,
  type QueueBackfillClients,
  type QueueBackfillOptions,
  type QueueBackfillProgress,
  type QueueBackfillSummary
} from './queue-backfill';
export { dryRun, formatDryRun, type DryRunReport } from './dry-run';
export { createProgressLine, type ProgressStream } from './progress-line';
