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

/** The conventional file name of an event (`log-{action}-{YYYYMMDD-HHMMSS}-{adcid}-{project}-{ptid}-{visitnum}.json`). */
export function eventFileName(event: VisitEvent): string {
  const stamp = event.timestamp.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const project = event.project_label.replace(/[^A-Za-z0-9-]/g, '-');
  return `log-${event.action}-${stamp}-${event.pipeline_adcid}-${project}-${event.ptid}-${event.visit_number ?? event.visit_date}.json`;
}
