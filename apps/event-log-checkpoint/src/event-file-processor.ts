import type { FileProcessor } from '@reporting/object-processing';
import { checkpointRowFromEvent } from '@reporting/checkpoint-store';
import { parseEventFileName } from './file-name';
import { parseEventFile } from './parse-event-file';
import { assertCheckpointTemplate, checkpointKeyFor, isSandboxProject } from './routing';

/**
 * The event-log lambda's own logic: a file is one visit event; practice (sandbox) projects are
 * filtered; each event becomes one row of its `{study}/{datatype}` checkpoint.
 */
export function eventFileProcessor(checkpointKeyTemplate: string): FileProcessor {
  assertCheckpointTemplate(checkpointKeyTemplate);
  return (bytes, { object, logger }) => {
    const parsed = parseEventFile(bytes);
    if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
    const event = parsed.event;
    if (isSandboxProject(event.project_label)) {
      return { kind: 'filtered', reason: `sandbox project ${event.project_label}` };
    }
    if (!parseEventFileName(object.key)) {
      logger.info('file name does not follow the event-log pattern; content is used', { key: object.key });
    }
    const row = checkpointRowFromEvent(event);
    return {
      kind: 'rows',
      checkpoint: checkpointKeyFor(checkpointKeyTemplate, row.study, row.datatype),
      rows: [row],
      dimensions: { Study: row.study, Datatype: row.datatype }
    };
  };
}
