import type { VisitEvent } from './generated';

/** The example event of the event-log spec: valid by construction. For tests, demos and docs. */
export const VISIT_EVENT_EXAMPLE: Readonly<VisitEvent> = Object.freeze({
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
});
