import type { VisitEvent } from '@reporting/schemas';

/** A valid event as producers write it (the spec's example). */
export const SAMPLE_EVENT: VisitEvent = {
  action: 'pass-qc',
  study: 'dvcid',
  pipeline_adcid: 44,
  project_label: 'ingest-form-dvcid',
  center_label: 'beta',
  gear_name: 'form-scheduler',
  ptid: '110003',
  visit_date: '2024-01-15',
  visit_number: '01',
  datatype: 'form',
  module: 'LBD',
  packet: 'I',
  timestamp: '2024-01-15T10:20:00Z'
};
