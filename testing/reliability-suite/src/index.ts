export { ReliabilityPipeline, type ReliabilityPipelineOptions } from './pipeline/reliability-pipeline';
export { CrashInjector, SimulatedCrash, type CrashPlan, type CrashMode } from './pipeline/crash-injector';
export { checkExactlyOnce, exactlyOnceHolds, type ExactlyOnceReport } from './checks/exactly-once';
export { checkQuarantine, quarantineHolds, type QuarantineReport } from './checks/quarantine-check';
export { BAD_FILE_KINDS, badFiles, type BadFileKind } from '@reporting/test-kit';
export type { SuiteFile } from '@reporting/test-kit';
export { runDuplicates, type DuplicatesOptions } from './scenarios/r1-duplicates';
export type { ScenarioResult } from './scenarios/scenario-result';
export { SMALL, FULL, type SuiteSizes } from './sizes';
