import type { LocalQueueOptions } from '@reporting/local-aws';
import {
  generateSampleFiles,
  localRun as runLocally,
  localRunMain,
  localRunUsage,
  startLocalRunPipeline,
  type LocalPipeline,
  type LocalRunOptions,
  type LocalRunSpec
} from '@reporting/test-kit';
import { eventLogPipelineOptions } from '../testing/event-log-pipeline';
import { formatReports, reportCheckpoints } from './checkpoint-report';

export const LOCAL_EVENTS_BUCKET = 'event-logs';
export const LOCAL_ANALYTICS_BUCKET = 'analytics';
export const LOCAL_PREFIX = 'prod/';

const { name, lambda } = eventLogPipelineOptions();

/** The event-log lambda's local run: the test kit's, with its own sample (sandbox files too) and report. */
export const EVENT_LOG_LOCAL_RUN: LocalRunSpec = {
  name: name!,
  lambda,
  buckets: { source: LOCAL_EVENTS_BUCKET, checkpoint: LOCAL_ANALYTICS_BUCKET },
  prefix: LOCAL_PREFIX,
  describeFiles: 'event-log files',
  sampleFiles: (valid) =>
    generateSampleFiles({
      prefix: LOCAL_PREFIX,
      valid,
      sandbox: Math.ceil(valid / 50),
      invalid: Math.ceil(valid / 100),
      seed: 2024
    }),
  report: async (pipeline) => formatReports(await reportCheckpoints(pipeline)),
  exampleKey: `${LOCAL_PREFIX}log-submit-20240115-102000-42-ingest-form-110001-01.json`
};

/** The production wiring on this machine (the benchmarks start it too). */
export function startLocalPipeline(
  options: { directory?: string; queue?: Partial<LocalQueueOptions> } = {}
): Promise<LocalPipeline> {
  return startLocalRunPipeline(EVENT_LOG_LOCAL_RUN, options);
}

export type { LocalRunOptions };

export function localRun(options: LocalRunOptions): Promise<void> {
  return runLocally(EVENT_LOG_LOCAL_RUN, options);
}

export const LOCAL_RUN_USAGE = localRunUsage(EVENT_LOG_LOCAL_RUN);

export function main(argv: readonly string[]): Promise<number> {
  return localRunMain(EVENT_LOG_LOCAL_RUN, argv);
}
