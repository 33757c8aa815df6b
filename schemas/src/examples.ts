import type { LabResult, VisitEvent } from './generated';

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

/** A lab result with every kind of column (INT32 and INT64 integers, date, date-time, nested object). */
export const LAB_RESULT_EXAMPLE: Readonly<LabResult> = Object.freeze({
  adcid: 44,
  ptid: '110003',
  sample_id: 'PL-2024-00017',
  accession_number: 4_294_967_311,
  assay: 'ptau217',
  collected_on: '2024-01-15',
  measured_at: '2024-01-17T09:41:12.345678+01:00',
  reported_at: null,
  value: 0.412,
  unit: 'pg/mL',
  lower_limit: 0.05,
  below_detection_limit: false,
  repeat_count: 1,
  comment: null,
  instrument: { manufacturer: 'Quanterix', model: 'HD-X', serial: null },
  flags: ['hemolyzed']
});
