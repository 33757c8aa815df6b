import type { SchemaElement } from 'hyparquet';
import type { TableColumn } from '@reporting/schemas';

import { IncompatibleSchemaError } from '../errors';
import type { TableLayout } from '../table/table-layout';

/**
 * - `current`: exactly the columns and types the table writes, so rows can be appended as a new
 *   row group byte for byte.
 * - `upgrade`: an older compatible layout (a column added to the table since the file was written,
 *   the columns written by DuckDB or Polars, nullable, other column order or units); it is rewritten
 *   once by a full compaction, new columns null in the old rows.
 */
export type SchemaCompatibility = { kind: 'current' } | { kind: 'upgrade'; reasons: string[] };

/** Classifies a file's schema against a table; throws IncompatibleSchemaError (which columns, why) otherwise. */
export function checkSchemaCompatibility(
  layout: TableLayout,
  schema: readonly SchemaElement[]
): SchemaCompatibility {
  const [root, ...leaves] = schema;
  const problems: string[] = [];
  if (root === undefined || root.num_children !== leaves.length) {
    throw new IncompatibleSchemaError('the file has nested columns; a checkpoint has flat columns only');
  }
  const byName = new Map<string, SchemaElement>();
  for (const leaf of leaves) {
    if (leaf.num_children) problems.push(`column "${leaf.name}" is nested`);
    else if (byName.has(leaf.name)) problems.push(`column "${leaf.name}" appears twice`);
    else byName.set(leaf.name, leaf);
  }
  for (const name of byName.keys()) {
    if (!layout.byName.has(name)) problems.push(`unexpected column "${name}" (rewriting would lose it)`);
  }
  const added: string[] = [];
  for (const column of layout.columns) {
    const element = byName.get(column.name);
    if (element === undefined) {
      if (column.repetition === 'REQUIRED') problems.push(`column "${column.name}" is missing`);
      else added.push(column.name);
      continue;
    }
    const typeProblem = describeTypeProblem(column, element);
    if (typeProblem !== undefined) problems.push(`column "${column.name}" ${typeProblem}`);
  }
  if (problems.length > 0) {
    throw new IncompatibleSchemaError(
      `the file's schema cannot hold rows of table ${layout.definition.schema}: ${problems.join('; ')}`
    );
  }
  return isCurrent(layout, schema)
    ? { kind: 'current' }
    : { kind: 'upgrade', reasons: describeDifferences(layout, leaves, added) };
}

const EXPECTED: Record<TableColumn['type'], string> = {
  string: 'a UTF8 string',
  date: 'an INT32 DATE',
  timestamp: 'an INT64 timestamp adjusted to UTC',
  int32: 'a signed integer',
  int64: 'a signed integer',
  double: 'a floating-point number',
  boolean: 'a BOOLEAN',
  json: 'JSON text'
};

function describeTypeProblem(column: TableColumn, element: SchemaElement): string | undefined {
  if (element.repetition_type === 'REPEATED') return 'is repeated';
  if (readableAs(column, element)) return undefined;
  return `must be ${EXPECTED[column.type]}, found ${describeType(element)}`;
}

/** Whether the file's column can be read into the table's column without losing a value. */
function readableAs(column: TableColumn, element: SchemaElement): boolean {
  const logical = element.logical_type;
  switch (column.type) {
    case 'string':
      return (
        element.type === 'BYTE_ARRAY' && (element.converted_type === 'UTF8' || logical?.type === 'STRING')
      );
    case 'json':
      return element.type === 'BYTE_ARRAY' && (element.converted_type === 'JSON' || logical?.type === 'JSON');
    case 'date':
      return element.type === 'INT32' && (element.converted_type === 'DATE' || logical?.type === 'DATE');
    case 'timestamp':
      return element.type === 'INT64' && isUtcTimestamp(element);
    case 'int32':
    case 'int64':
      return (element.type === 'INT32' || element.type === 'INT64') && isSignedPlainInteger(element);
    case 'double':
      return element.type === 'DOUBLE' || element.type === 'FLOAT';
    case 'boolean':
      return element.type === 'BOOLEAN';
  }
}

function isSignedPlainInteger(element: SchemaElement): boolean {
  const logical = element.logical_type;
  if (logical !== undefined) return logical.type === 'INTEGER' && logical.isSigned;
  return (
    element.converted_type === undefined ||
    element.converted_type === 'INT_32' ||
    element.converted_type === 'INT_64'
  );
}

function isUtcTimestamp(element: SchemaElement): boolean {
  const logical = element.logical_type;
  if (logical !== undefined) return logical.type === 'TIMESTAMP' && logical.isAdjustedToUTC;
  // Legacy converted types are defined as UTC-adjusted.
  return element.converted_type === 'TIMESTAMP_MICROS' || element.converted_type === 'TIMESTAMP_MILLIS';
}

function describeType(element: SchemaElement): string {
  const logical = element.logical_type;
  let annotation = '';
  if (logical?.type === 'TIMESTAMP')
    annotation = ` TIMESTAMP(${logical.unit}, UTC=${logical.isAdjustedToUTC})`;
  else if (logical !== undefined) annotation = ` ${logical.type}`;
  else if (element.converted_type !== undefined) annotation = ` ${element.converted_type}`;
  return `${element.type ?? 'group'}${annotation}`;
}

function sameElement(have: SchemaElement, want: SchemaElement): boolean {
  return (
    have.name === want.name &&
    have.type === want.type &&
    have.repetition_type === want.repetition_type &&
    sameLogicalType(have.logical_type, want.logical_type)
  );
}

function isCurrent(layout: TableLayout, schema: readonly SchemaElement[]): boolean {
  const expected = layout.schemaElements;
  return (
    schema.length === expected.length && expected.every((want, i) => i === 0 || sameElement(schema[i], want))
  );
}

function describeDifferences(
  layout: TableLayout,
  leaves: readonly SchemaElement[],
  added: readonly string[]
): string[] {
  const reasons: string[] = [];
  if (added.length > 0) reasons.push(`new columns ${added.join(', ')}`);
  const expected = layout.schemaElements.slice(1);
  const differing = leaves
    .filter((leaf) => {
      const want = expected.find((element) => element.name === leaf.name);
      return want !== undefined && !sameElement(leaf, want);
    })
    .map((leaf) => `${leaf.name} (${leaf.repetition_type?.toLowerCase()} ${describeType(leaf)})`);
  if (differing.length > 0) reasons.push(`columns typed differently: ${differing.join(', ')}`);
  if (reasons.length === 0) reasons.push('columns in a different order');
  return reasons;
}

function sameLogicalType(a: SchemaElement['logical_type'], b: SchemaElement['logical_type']): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.type === 'TIMESTAMP' && b.type === 'TIMESTAMP') {
    return a.unit === b.unit && a.isAdjustedToUTC === b.isAdjustedToUTC;
  }
  if (a.type === 'INTEGER' && b.type === 'INTEGER')
    return a.bitWidth === b.bitWidth && a.isSigned === b.isSigned;
  return a.type === b.type;
}
