import { type TableColumn, tables, visitEventTable } from '@reporting/schemas';

import { CHECKPOINT_COLUMNS, type CheckpointColumn, checkpointSchemaElements } from './checkpoint-schema';
import { schemaElementsFromTable } from './table-schema-elements';

/** A generated column in the checkpoint's own terms (the kinds this store writes today). */
function asCheckpointColumn(column: TableColumn): CheckpointColumn {
  const kinds: Partial<Record<TableColumn['type'], CheckpointColumn['kind']>> = {
    string: 'string',
    int32: 'int32',
    timestamp: 'timestamp'
  };
  const kind = kinds[column.type];
  if (kind === undefined) throw new Error(`${column.name}: ${column.type} is not a checkpoint column kind`);
  return { name: column.name as CheckpointColumn['name'], kind, nullable: column.repetition === 'OPTIONAL' };
}

describe('the visit-event table derived from the JSON Schema is today’s checkpoint schema', () => {
  it('has CHECKPOINT_COLUMNS: same names, order, kinds and nullability (lineage included)', () => {
    expect(visitEventTable.columns.map((column) => asCheckpointColumn(column))).toEqual(CHECKPOINT_COLUMNS);
  });

  it('has exactly checkpointSchemaElements() as parquet schema elements, so existing checkpoints keep appending', () => {
    expect(schemaElementsFromTable(visitEventTable)).toStrictEqual(checkpointSchemaElements());
  });

  it('is sorted by timestamp and keyed by study and datatype, as the checkpoint store and the key template are', () => {
    expect(visitEventTable.sortColumn).toBe('timestamp');
    expect(visitEventTable.keyPlaceholders).toEqual(['study', 'datatype']);
  });

  it('differs from the checkpoint schema when the mapping differs (the comparison can fail)', () => {
    const other = tables['lab-result'];
    expect(schemaElementsFromTable(other)).not.toEqual(checkpointSchemaElements());
    const dateTyped = {
      ...visitEventTable,
      columns: visitEventTable.columns.map((column) =>
        column.name === 'visit_date' ? { ...column, physicalType: 'INT32' as const } : column
      )
    };
    expect(schemaElementsFromTable(dateTyped)).not.toEqual(checkpointSchemaElements());
  });
});
