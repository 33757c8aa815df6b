export {
  ReliabilityPipeline,
  type ReliabilityPipelineOptions,
  type QuarantineRecord
} from './pipeline/reliability-pipeline';
export { CrashInjector, SimulatedCrash, type CrashPlan, type CrashMode } from './pipeline/crash-injector';
export { LambdaEnvironments } from './pipeline/lambda-environments';
export { checkExactlyOnce, exactlyOnceHolds, type ExactlyOnceReport } from './checks/exactly-once';
export { checkQuarantine, quarantineHolds, type QuarantineReport } from './checks/quarantine-check';
export { BAD_FILE_KINDS, badFiles, type BadFileKind } from './inputs/bad-files';
export type { SuiteFile } from './inputs/suite-file';
export { runDuplicates, type DuplicatesOptions } from './scenarios/r1-duplicates';
export type { ScenarioResult } from './scenarios/scenario-result';
export { SMALL, FULL, type SuiteSizes } from './sizes';
