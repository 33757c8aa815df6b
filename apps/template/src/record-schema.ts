import { checkpointRowFromEvent, type CheckpointRow } from '@reporting/checkpoint-store';
import { validateVisitEvent, type VisitEvent } from '@reporting/schemas';

/** What one input file holds, as its schema describes it: schemas/definitions/visit-event.schema.json. */
export type InputRecord = VisitEvent;

/** The schema's precompiled validator: strings trimmed, defaults applied, every violation named. */
export const validateInputRecord = validateVisitEvent;

/** The checkpoint rows of one valid record (the checkpoint store writes visit-event rows). */
export function toCheckpointRows(record: InputRecord): CheckpointRow[] {
  return [checkpointRowFromEvent(record)];
}
