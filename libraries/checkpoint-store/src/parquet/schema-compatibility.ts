import type { SchemaElement } from 'hyparquet';

import {
  CHECKPOINT_COLUMNS,
  type CheckpointColumn,
  LINEAGE_COLUMNS,
  checkpointSchemaElements
} from '../checkpoint-schema';
import { IncompatibleSchemaError } from '../errors';

/**
 * - `current`: exactly the columns and types this library writes, so rows can be appended as a
 *   new row group byte for byte.
 * - `upgrade`: an older compatible layout (e.g. the 13 columns written by DuckDB or Polars,
 *   nullable, other column order or units); it is rewritten by a full compaction.
 */
export type SchemaCompatibility = { kind: 'current' } | { kind: 'upgrade'; reasons: string[] };

/** Classifies a file's schema; throws IncompatibleSchemaError (saying which columns and why) otherwise. */
export function checkSchemaCompatibility(schema: readonly SchemaElement[]): SchemaCompatibility {
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
  const known = new Set(CHECKPOINT_COLUMNS.map((column) => column.name as string));
  for (const name of byName.keys()) {
    if (!known.has(name)) problems.push(`unexpected column "${name}" (rewriting would lose it)`);
  }
  for (const column of CHECKPOINT_COLUMNS) {
    const element = byName.get(column.name);
    if (element === undefined) {
      if (!LINEAGE_COLUMNS.includes(column)) problems.push(`column "${column.name}" is missing`);
      continue;
    }
    const typeProblem = describeTypeProblem(column, element);
    if (typeProblem !== undefined) problems.push(`column "${column.name}" ${typeProblem}`);
  }
  if (problems.length > 0) {
    throw new IncompatibleSchemaError(
      `the file's schema cannot hold checkpoint rows: ${problems.join('; ')}`
    );
  }
  return isCurrent(schema) ? { kind: 'current' } : { kind: 'upgrade', reasons: describeDifferences(leaves) };
}

function describeTypeProblem(column: CheckpointColumn, element: SchemaElement): string | undefined {
  if (element.repetition_type === 'REPEATED') return 'is repeated';
  switch (column.kind) {
    case 'string':
      if (
        element.type === 'BYTE_ARRAY' &&
        (element.converted_type === 'UTF8' || element.logical_type?.type === 'STRING')
      ) {
        return undefined;
      }
      return `must be a UTF8 string, found ${describeType(element)}`;
    case 'int32':
      if ((element.type === 'INT32' || element.type === 'INT64') && isSignedPlainInteger(element))
        return undefined;
      return `must be a signed integer, found ${describeType(element)}`;
    case 'timestamp':
      if (element.type === 'INT64' && isUtcTimestamp(element)) return undefined;
      return `must be an INT64 timestamp adjusted to UTC, found ${describeType(element)}`;
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

function isCurrent(schema: readonly SchemaElement[]): boolean {
  const expected = checkpointSchemaElements();
  if (schema.length !== expected.length) return false;
  return expected.every((want, i) => {
    if (i === 0) return true;
    const have = schema[i];
    return (
      have.name === want.name &&
      have.type === want.type &&
      have.repetition_type === want.repetition_type &&
      sameLogicalType(have.logical_type, want.logical_type)
    );
  });
}

function describeDifferences(leaves: readonly SchemaElement[]): string[] {
  const reasons: string[] = [];
  const names = new Set(leaves.map((leaf) => leaf.name));
  const missing = CHECKPOINT_COLUMNS.filter((column) => !names.has(column.name)).map((column) => column.name);
  if (missing.length > 0) reasons.push(`missing lineage columns ${missing.join(', ')}`);
  const expected = checkpointSchemaElements().slice(1);
  const differing = leaves
    .filter((leaf) => {
      const want = expected.find((element) => element.name === leaf.name);
      return (
        want !== undefined &&
        (want.type !== leaf.type ||
          want.repetition_type !== leaf.repetition_type ||
          !sameLogicalType(want.logical_type, leaf.logical_type))
      );
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
