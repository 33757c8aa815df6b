import { checkpointRowFromEvent, type CheckpointRow } from '@reporting/checkpoint-store';
import { jsonRecordLambda } from '@reporting/lambda-runtime';
import type { VisitEvent } from '@reporting/schemas';
import { parseEventFileName } from './file-name';
import { validateStorableVisitEvent } from './parse-event-file';

/** Events from practice projects never reach a checkpoint (they are counted as filtered). */
export function isSandboxProject(projectLabel: string): boolean {
  return projectLabel.startsWith('sandbox-');
}

/**
 * The event-log lambda, declared by its rules: a file is one visit event; practice (sandbox)
 * projects are filtered; each event becomes one row of its `{study}/{datatype}` checkpoint.
 */
export const eventLogLambda = jsonRecordLambda<VisitEvent, CheckpointRow>({
  validate: validateStorableVisitEvent,
  keyPlaceholders: ['study', 'datatype'],
  filter: (event) =>
    isSandboxProject(event.project_label) ? `sandbox project ${event.project_label}` : undefined,
  toRows: (event) => [checkpointRowFromEvent(event)],
  // The row's study: the schema's default when the event has none.
  route: (_event, [row]) => ({ study: row.study, datatype: row.datatype }),
  remarkOnKey: (key) =>
    parseEventFileName(key) ? undefined : 'file name does not follow the event-log pattern; content is used'
});
