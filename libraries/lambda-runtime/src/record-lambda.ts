import { CheckpointTable, InvalidRowError, type TableRow } from '@reporting/checkpoint-store';
import type { TableDefinition, Validator } from '@reporting/schemas';
import { assertKeyTemplate, renderCheckpointKey } from './checkpoint-key';
import type { FileProcessor, FileVerdict } from './file-processor';
import { type FormatRule, formatOf } from './input/format-of-key';
import type { RecordSchema } from './input/csv-coercion';
import { parseRecords } from './input/parse-records';
import type { LambdaDefinition } from './runtime';

/**
 * What makes one reporting lambda different from another: its table and its rules, nothing else.
 * The runtime parses, validates, filters, maps records to rows, routes, appends, quarantines and
 * counts, for the handler, the local run and the backfill alike.
 */
export interface RecordLambdaRules<Input> {
  /**
   * The table its checkpoints hold, generated from the record's JSON Schema (`<camelName>Table` of
   * `@reporting/schemas`); its `keyPlaceholders` are what CHECKPOINT_KEY_TEMPLATE must hold (checked at
   * cold start) and they route each record (`{study}` → the record's `study`), labelling its metrics.
   */
  table: TableDefinition;
  /** The record's schema validator (generated in `schemas/`): every violation named. */
  validate: Validator<Input>;
  /**
   * How its files hold records (README, "Input formats"): `json` (one object per file, the default),
   * `json-array`, `ndjson`, `csv`, or `by-extension` (each file by its name). A file is atomic.
   */
  format?: FormatRule;
  /** The record's JSON Schema (`<camelName>Schema`): CSV cells are typed by it. Needed for CSV. */
  schema?: RecordSchema;
  /** Why a valid record is deliberately not stored (counted as filtered), or undefined to store it. */
  filter?: (record: Input) => string | undefined;
  /** The rows of a valid record; by default its one row by the table's mapping (`rowFromRecord`). */
  toRows?: (record: Input) => TableRow[];
  /** A remark worth logging about an object key (e.g. off the producers' naming pattern), or undefined. */
  remarkOnKey?: (key: string) => string | undefined;
}

const dimensionName = (placeholder: string): string => placeholder[0].toUpperCase() + placeholder.slice(1);

/** A lambda declared by its table and rules: parse → validate → filter → rows → route, on the shared runtime. */
export function recordLambda<Input>(rules: RecordLambdaRules<Input>): LambdaDefinition {
  const table = CheckpointTable.of(rules.table);
  const placeholders = rules.table.keyPlaceholders;
  const toRows =
    rules.toRows ?? ((record: Input) => [table.rowFromRecord(record as Record<string, unknown>)]);
  const formatRule = rules.format ?? 'json';
  const schema = rules.schema ?? { properties: {} };
  if ((formatRule === 'csv' || formatRule === 'by-extension') && rules.schema === undefined) {
    throw new Error(
      `recordLambda: format ${formatRule} reads CSV, whose cells are typed by the schema: declare it`
    );
  }
  return {
    table: rules.table,
    fileProcessor: ({ checkpointKeyTemplate }): FileProcessor => {
      assertKeyTemplate('CHECKPOINT_KEY_TEMPLATE', checkpointKeyTemplate, placeholders);
      return (bytes, { object, logger }): FileVerdict => {
        const chosen = formatOf(formatRule, object.key, bytes);
        if ('refused' in chosen) return { kind: 'invalid', reasons: [chosen.refused] };
        const parsed = parseRecords(bytes, chosen.format, rules.validate, schema);
        if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
        const remark = rules.remarkOnKey?.(object.key);
        if (remark !== undefined) logger.info(remark, { key: object.key });
        return routeRecords(parsed.records, rules, toRows, checkpointKeyTemplate);
      };
    }
  };
}

/**
 * The verdict for a file's valid records: filtered ones dropped (all filtered → filtered), the rest
 * mapped to rows of one checkpoint. A file's records must route to one checkpoint: a file is committed
 * atomically, and one commit writes one checkpoint.
 */
function routeRecords<Input>(
  records: readonly Input[],
  rules: RecordLambdaRules<Input>,
  toRows: (record: Input) => TableRow[],
  template: string
): FileVerdict {
  const placeholders = rules.table.keyPlaceholders;
  const kept: Input[] = [];
  let filteredReason: string | undefined;
  for (const record of records) {
    const reason = rules.filter?.(record);
    if (reason === undefined) kept.push(record);
    else filteredReason ??= reason;
  }
  if (kept.length === 0) return { kind: 'filtered', reason: filteredReason ?? 'file has no records' };
  const checkpoints = new Map<string, Record<string, string>>();
  const rows: TableRow[] = [];
  const problems: string[] = [];
  kept.forEach((record, index) => {
    const values: Record<string, string> = {};
    for (const name of placeholders) {
      const value = (record as Record<string, unknown>)[name];
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
        values[name] = String(value);
      } else {
        problems.push(`record ${index + 1}: ${name} has no value to name its checkpoint by`);
      }
    }
    if (Object.keys(values).length === placeholders.length) {
      const key = renderCheckpointKey(template, values);
      if (!checkpoints.has(key)) checkpoints.set(key, values);
    }
    try {
      rows.push(...toRows(record));
    } catch (error) {
      if (!(error instanceof InvalidRowError)) throw error;
      problems.push(`record ${index + 1}: ${error.message}`);
    }
  });
  if (problems.length > 0) return { kind: 'invalid', reasons: problems };
  if (checkpoints.size > 1) {
    return {
      kind: 'invalid',
      reasons: [
        `records route to ${checkpoints.size} checkpoints (${[...checkpoints.keys()].slice(0, 5).join(', ')}); ` +
          `a file must hold records of one checkpoint (${placeholders.join(', ')} the same in every record)`
      ]
    };
  }
  const [[checkpoint, values]] = checkpoints;
  return {
    kind: 'rows',
    checkpoint,
    rows,
    dimensions: Object.fromEntries(
      Object.entries(values).map(([name, value]) => [dimensionName(name), value])
    )
  };
}
