import { CheckpointTable, type TableRow } from '@reporting/checkpoint-store';
import { validateVisitEvent, type VisitEvent, type VisitEventRow, visitEventTable } from '@reporting/schemas';

/** The event-log lambda's table, typed for reading its checkpoints back in tests. */
export const visits = CheckpointTable.of<VisitEventRow>(visitEventTable);

/** The row the lambda stores for a valid event: validated (the schema's defaults applied), then mapped. */
export function rowOfEvent(event: VisitEvent): TableRow {
  const validated = validateVisitEvent(structuredClone(event));
  if (!validated.valid) throw new Error(`not a valid event: ${validated.errors.join('; ')}`);
  return visits.rowFromRecord(validated.value);
}
