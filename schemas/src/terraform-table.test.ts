import { labResultTable, visitEventTable } from './generated';
import { terraformTable } from './terraform-table';

describe('terraformTable: the Glue view of a table', () => {
  it('visit events: every column with its Hive type, partitioned by study and datatype (the enum)', () => {
    const glue = terraformTable(visitEventTable);
    expect(glue.schema).toBe('visit-event');
    expect(glue.key_placeholders).toEqual(['study', 'datatype']);
    expect(glue.placeholder_values.study).toEqual([]);
    expect(glue.placeholder_values.datatype).toContain('genetic-availability');
    expect(glue.columns.find((c) => c.name === 'pipeline_adcid')?.type).toBe('int');
    expect(glue.columns.find((c) => c.name === 'timestamp')?.type).toBe('timestamp');
    expect(glue.columns.map((c) => c.name)).toEqual(visitEventTable.columns.map((c) => c.name));
  });

  it('lab results: an integer placeholder has no values, the enum placeholder its enum', () => {
    const glue = terraformTable(labResultTable);
    expect(glue.key_placeholders).toEqual(['adcid', 'assay']);
    expect(glue.placeholder_values).toEqual({
      adcid: [],
      assay: ['abeta40', 'abeta42', 'ptau181', 'ptau217', 'nfl', 'gfap']
    });
  });
});
