import type { CheckpointRow } from '@reporting/checkpoint-store';
import { jsonRecordLambda } from '@reporting/lambda-runtime';
import { toCheckpointRows, validateInputRecord, type InputRecord } from './record-schema';

/**
 * This lambda, declared by its rules: one JSON record per file, validated against its schema,
 * appended to the checkpoint of its study and datatype (CHECKPOINT_KEY_TEMPLATE). The shared runtime
 * does the rest (parse, validate, route, append, quarantine invalid files, metrics).
 */
export const templateLambda = jsonRecordLambda<InputRecord, CheckpointRow>({
  validate: validateInputRecord,
  keyPlaceholders: ['study', 'datatype'],
  toRows: toCheckpointRows,
  route: (_record, [row]) => ({ study: row.study, datatype: row.datatype })
});
