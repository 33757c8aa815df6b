import { recordLambda } from '@reporting/lambda-runtime';
import { visitEventTable } from '@reporting/schemas';
import { parseEventFileName } from './file-name';
import { validateStorableVisitEvent } from './parse-event-file';

/** Events from practice projects never reach a checkpoint (they are counted as filtered). */
export function isSandboxProject(projectLabel: string): boolean {
  return projectLabel.startsWith('sandbox-');
}

/**
 * The event-log lambda, declared by its table and its own rules: a file is one visit event (its
 * schema's table, routed by `{study}/{datatype}`); practice (sandbox) projects are filtered; file
 * names off the producers' pattern are remarked on, not refused.
 */
export const eventLogLambda = recordLambda({
  table: visitEventTable,
  validate: validateStorableVisitEvent,
  filter: (event) =>
    isSandboxProject(event.project_label) ? `sandbox project ${event.project_label}` : undefined,
  remarkOnKey: (key) =>
    parseEventFileName(key) ? undefined : 'file name does not follow the event-log pattern; content is used'
});
