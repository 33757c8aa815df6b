export { errorBody, type ReturnFormat } from './api-error';
export {
  checkboxColumn,
  type Choice,
  completeMetadataRow,
  formCompleteField,
  METADATA_COLUMNS,
  type MetadataColumn,
  type MetadataRow,
  parseChoices,
  type RedcapFieldType
} from './data-dictionary';
export { exportOrder } from './export-columns';
export { FaultLevers, type RedcapFault } from './fault-levers';
export {
  LOCAL_REDCAP_VERSION,
  LocalRedcap,
  type LocalRedcapOptions,
  LocalRedcapProject,
  type RedcapRequestRecord,
  startLocalRedcap
} from './local-redcap';
export type { RedcapProjectDefinition, RedcapRecord, RedcapReport, RedcapValue } from './project';
