import type { VisitEvent } from '@reporting/schemas';

/**
 * The conventional file name of an event: `log-{action}-{YYYYMMDD-HHMMSS}-{adcid}-{project}-{ptid}-{visitnum}.json`
 * (project characters outside [A-Za-z0-9-] become `-`). `unique` is appended to the visit part when given.
 */
export function eventFileName(event: VisitEvent, unique?: number): string {
  const stamp = event.timestamp.slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const project = event.project_label.replace(/[^A-Za-z0-9-]/g, '-');
  const visit = `${event.visit_number ?? event.visit_date}${unique === undefined ? '' : `v${unique}`}`;
  return `log-${event.action}-${stamp}-${event.pipeline_adcid}-${project}-${event.ptid}-${visit}.json`;
}
