import { recordLambda } from '@reporting/lambda-runtime';
import { validateVisitEvent, visitEventTable } from '@reporting/schemas';

/**
 * This lambda, declared: one record per file, validated against its schema
 * (schemas/definitions/visit-event.schema.json), appended as one row of the schema's table to the
 * checkpoint its key placeholders name (CHECKPOINT_KEY_TEMPLATE). The shared runtime does the rest
 * (parse, validate, map to rows, route, append, quarantine invalid files, metrics).
 */
export const templateLambda = recordLambda({
  table: visitEventTable,
  validate: validateVisitEvent
});
