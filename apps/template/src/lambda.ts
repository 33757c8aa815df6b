import { recordLambda } from '@reporting/lambda-runtime';
import { validateVisitEvent, visitEventSchema, visitEventTable } from '@reporting/schemas';

/**
 * This lambda, declared: files of records in any input format, each read by its name's extension
 * (`.json`: one object or an array; `.ndjson`/`.jsonl`; `.csv` with a header, cells typed by the
 * schema), every record validated against its schema (schemas/definitions/visit-event.schema.json) and
 * appended as one row of the schema's table to the checkpoint its key placeholders name
 * (CHECKPOINT_KEY_TEMPLATE; a file's records go to one checkpoint). A file is atomic: one invalid
 * record quarantines it with every invalid record's position. The shared runtime does the rest (parse,
 * validate, map to rows, route, append, quarantine, metrics).
 */
export const templateLambda = recordLambda({
  table: visitEventTable,
  validate: validateVisitEvent,
  format: 'by-extension',
  schema: visitEventSchema
});
