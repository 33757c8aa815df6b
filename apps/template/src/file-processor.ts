import {
  assertKeyTemplate,
  parseJsonFile,
  renderCheckpointKey,
  type FileProcessor
} from '@reporting/object-processing';
import { toCheckpointRows, validateInputRecord } from './record-schema';

/**
 * This lambda's own logic: one JSON record per file, validated against its schema, appended to the
 * checkpoint of its study and datatype (CHECKPOINT_KEY_TEMPLATE). Invalid files are quarantined.
 */
export function templateLambdaFileProcessor(checkpointKeyTemplate: string): FileProcessor {
  assertKeyTemplate('CHECKPOINT_KEY_TEMPLATE', checkpointKeyTemplate, ['study', 'datatype']);
  return (bytes) => {
    const parsed = parseJsonFile(bytes, validateInputRecord);
    if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
    const rows = toCheckpointRows(parsed.value);
    const { study, datatype } = rows[0];
    return {
      kind: 'rows',
      checkpoint: renderCheckpointKey(checkpointKeyTemplate, { study, datatype }),
      rows,
      dimensions: { Study: study, Datatype: datatype }
    };
  };
}
