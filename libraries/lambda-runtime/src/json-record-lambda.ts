import type { Validator } from '@reporting/schemas';
import { assertKeyTemplate, renderCheckpointKey } from './checkpoint-key';
import type { FileProcessor } from './file-processor';
import { parseJsonFile } from './json-file';
import type { LambdaDefinition } from './runtime';

/**
 * What makes a reporting lambda whose files each hold one JSON record different from another: its
 * rules, nothing else. The runtime parses, validates, filters, routes, appends and quarantines.
 */
export interface JsonRecordRules<Input, Row> {
  /** The record's schema validator (generated in `schemas/`): every violation named. */
  validate: Validator<Input>;
  /** Placeholders the checkpoint key template must hold (checked at cold start), e.g. `study`. */
  keyPlaceholders: readonly string[];
  /**
   * The placeholder values of the record's checkpoint, from the record or its rows; they also label its
   * metrics (`study` → `Study`).
   */
  route: (record: Input, rows: readonly Row[]) => Readonly<Record<string, string>>;
  /** Why a valid record is deliberately not stored (counted as filtered), or undefined to store it. */
  filter?: (record: Input) => string | undefined;
  /** The checkpoint rows of a valid record. */
  toRows: (record: Input) => Row[];
  /** A remark worth logging about an object key (e.g. off the producers' naming pattern), or undefined. */
  remarkOnKey?: (key: string) => string | undefined;
}

const dimensionName = (placeholder: string): string => placeholder[0].toUpperCase() + placeholder.slice(1);

/** A lambda declared by its rules: parse → validate → filter → rows → route, on the shared runtime. */
export function jsonRecordLambda<Input, Row>(rules: JsonRecordRules<Input, Row>): LambdaDefinition<Row> {
  return {
    fileProcessor: ({ checkpointKeyTemplate }): FileProcessor<Row> => {
      assertKeyTemplate('CHECKPOINT_KEY_TEMPLATE', checkpointKeyTemplate, rules.keyPlaceholders);
      return (bytes, { object, logger }) => {
        const parsed = parseJsonFile(bytes, rules.validate);
        if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
        const record = parsed.value;
        const filtered = rules.filter?.(record);
        if (filtered !== undefined) return { kind: 'filtered', reason: filtered };
        const remark = rules.remarkOnKey?.(object.key);
        if (remark !== undefined) logger.info(remark, { key: object.key });
        const rows = rules.toRows(record);
        const values = rules.route(record, rows);
        return {
          kind: 'rows',
          checkpoint: renderCheckpointKey(checkpointKeyTemplate, values),
          rows,
          dimensions: Object.fromEntries(
            Object.entries(values).map(([name, value]) => [dimensionName(name), value])
          )
        };
      };
    }
  };
}
