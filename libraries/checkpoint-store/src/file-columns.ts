import type { SchemaElement } from 'hyparquet';
import type { TableColumn, TableColumnType } from '@reporting/schemas';

import { CheckpointSnapshot } from './checkpoint-snapshot';
import { IncompatibleSchemaError } from './errors';
import type { ObjectStore } from './store/object-store';

/**
 * The columns of the checkpoint at `key` as the file holds them (footer only, one range read), in
 * file order, each as a table column of the type it can be read into; undefined when there is no
 * file. No table is needed: this is how a caller builds a table that keeps every column of an
 * existing file (e.g. a source field removed since: still a column, null from then on). A column no
 * table type can hold (nested, repeated, an unsigned or other annotated type) → IncompatibleSchemaError.
 */
export async function readFileColumns(store: ObjectStore, key: string): Promise<TableColumn[] | undefined> {
  const snapshot = await CheckpointSnapshot.read(store, key);
  if (snapshot === undefined) return undefined;
  return fileColumnsFromSchema(snapshot.footer.metadata.schema);
}

/** The table columns of a parquet schema (root first); see readFileColumns. */
export function fileColumnsFromSchema(schema: readonly SchemaElement[]): TableColumn[] {
  const [root, ...leaves] = schema;
  if (root === undefined || root.num_children !== leaves.length) {
    throw new IncompatibleSchemaError('the file has nested columns; a checkpoint has flat columns only');
  }
  const problems: string[] = [];
  const columns: TableColumn[] = [];
  for (const leaf of leaves) {
    const type = leaf.num_children || leaf.repetition_type === 'REPEATED' ? undefined : columnType(leaf);
    if (type === undefined) {
      problems.push(`column "${leaf.name}" (${leaf.type ?? 'group'}) has no table column type`);
      continue;
    }
    columns.push(columnOf(leaf.name, type, leaf.repetition_type === 'REQUIRED' ? 'REQUIRED' : 'OPTIONAL'));
  }
  if (problems.length > 0) throw new IncompatibleSchemaError(`the file's columns: ${problems.join('; ')}`);
  return columns;
}

function columnType(element: SchemaElement): TableColumnType | undefined {
  const logical = element.logical_type;
  const converted = element.converted_type;
  switch (element.type) {
    case 'BYTE_ARRAY':
      if (converted === 'UTF8' || logical?.type === 'STRING') return 'string';
      if (converted === 'JSON' || logical?.type === 'JSON') return 'json';
      return undefined;
    case 'INT32':
      if (converted === 'DATE' || logical?.type === 'DATE') return 'date';
      return isSignedPlainInteger(element) ? 'int32' : undefined;
    case 'INT64':
      if (logical?.type === 'TIMESTAMP') return logical.isAdjustedToUTC ? 'timestamp' : undefined;
      if (converted === 'TIMESTAMP_MICROS' || converted === 'TIMESTAMP_MILLIS') return 'timestamp';
      return isSignedPlainInteger(element) ? 'int64' : undefined;
    case 'DOUBLE':
    case 'FLOAT':
      return 'double';
    case 'BOOLEAN':
      return 'boolean';
    default:
      return undefined;
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

/** A column of a mapped type, spelled as the schemas' table mapping spells it. */
function columnOf(name: string, type: TableColumnType, repetition: 'REQUIRED' | 'OPTIONAL'): TableColumn {
  const base = { name, type, repetition, dictionary: false, lineage: false } as const;
  switch (type) {
    case 'string':
      return { ...base, physicalType: 'BYTE_ARRAY', convertedType: 'UTF8', logicalType: { type: 'STRING' } };
    case 'json':
      return { ...base, physicalType: 'BYTE_ARRAY', convertedType: 'JSON', logicalType: { type: 'JSON' } };
    case 'date':
      return { ...base, physicalType: 'INT32', convertedType: 'DATE', logicalType: { type: 'DATE' } };
    case 'timestamp':
      return {
        ...base,
        physicalType: 'INT64',
        convertedType: 'TIMESTAMP_MICROS',
        logicalType: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }
      };
    case 'int32':
      return { ...base, physicalType: 'INT32' };
    case 'int64':
      return { ...base, physicalType: 'INT64' };
    case 'double':
      return { ...base, physicalType: 'DOUBLE' };
    case 'boolean':
      return { ...base, physicalType: 'BOOLEAN' };
  }
}
