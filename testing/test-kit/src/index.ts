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
// Records and files of any schema, from its example and its property types, enums and bounds.
export {
  propertyArbitrary,
  recordArbitrary,
  type PropertySchema,
  type RecordSchema
} from './records/record-arbitrary';
export { exampleFiles, type ExampleFilesOptions, type ExampleSchema } from './records/example-files';
export {
  RECORD_FILE_FORMATS,
  csvCanHold,
  recordPosition,
  recordsCsv,
  recordsJsonArray,
  recordsNdjson,
  writeRecordFile,
  type CsvOptions,
  type RecordFile,
  type RecordFileFormat,
  type WrittenSchema
} from './records/record-file-writer';
// The local run of any lambda (`bin/local-run.js`): the stack, the sample, the printed summary.
export {
  localRun,
  localRunMain,
  localRunUsage,
  servingText,
  startLocalRunPipeline,
  type LocalRunSpec,
  type LocalRunOptions
} from './local-run/local-run';
export { summarizeQuarantine } from './local-run/quarantine-summary';
export { checkpointRowsReport, describeCheckpoints } from './local-run/checkpoint-rows';
export { filesByFormat, formatOutcomeLines, type FormatOutcome } from './local-run/files-by-format';
// Reading what the lambda wrote, as analysts do.
export { DuckDbReader } from './duckdb-reader';
export type { QuarantineRecord } from '@reporting/schemas';
