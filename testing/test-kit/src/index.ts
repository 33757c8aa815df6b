// The local pipeline: one wiring of a reporting lambda on the local stack, as deployed.
export {
  LocalPipeline,
  EnvironmentStoppedError,
  DEFAULT_QUEUE,
  IDEMPOTENCY_TABLE,
  type LocalPipelineOptions,
  type LambdaFactory,
  type LambdaHandler,
  type LambdaClients
} from './pipeline/local-pipeline';
export { LambdaEnvironments, type LambdaEnvironment } from './pipeline/lambda-environments';
export { listAllKeys, readAllJson, readJsonObjects } from './pipeline/bucket-listing';
// Lambda contexts for in-process invocations.
export { createLambdaContext } from '@reporting/utils';
// Inputs: sample event-log files, valid and invalid, and the rules their quarantine reasons follow.
export { SAMPLE_EVENT } from './samples/sample-event';
export { eventFileName } from './samples/event-file-name';
export { generateSampleFiles, randomEvent, INVALID_SAMPLES, type SampleFile } from './samples/sample-files';
export { validFile, validFiles, identicalCopy } from './samples/valid-files';
export { badFiles, BAD_FILE_KINDS, type BadFileKind, type BadVariant } from './samples/bad-files';
export { reasonMatches, type ReasonRule } from './samples/reason-rule';
export type { SuiteFile, Expectation } from './samples/suite-file';
// Reading what the lambda wrote, as analysts do.
export { DuckDbReader } from './duckdb-reader';
export type { QuarantineRecord } from '@reporting/schemas';
