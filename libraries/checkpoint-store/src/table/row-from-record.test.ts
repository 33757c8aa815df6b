import { labResultTable, visitEventTable } from '@reporting/schemas';

import { InvalidRowError } from '../errors';
import { rowFromRecord } from './row-from-record';
import { tableLayout } from './table-layout';

describe('rowFromRecord', () => {
  test('a visit event becomes its row: date-time to µs (offset applied), absent optionals null, no lineage', () => {
    const row = rowFromRecord(tableLayout(visitEventTable), {
      action: 'submit',
      study: 'adrc',
      pipeline_adcid: 44,
      project_label: 'ingest-form',
      center_label: 'beta',
      gear_name: 'form-scheduler',
      ptid: '110003',
      visit_date: '2024-01-15',
      datatype: 'form',
      module: 'UDS',
      timestamp: '2024-01-15T10:20:00.123456+01:00'
    });
    expect(row).toEqual({
      action: 'submit',
      study: 'adrc',
      pipeline_adcid: 44,
      project_label: 'ingest-form',
      center_label: 'beta',
      gear_name: 'form-scheduler',
      ptid: '110003',
      visit_date: '2024-01-15',
      visit_number: null,
      datatype: 'form',
      module: 'UDS',
      packet: null,
      timestamp: 1_705_310_400_123_456n
    });
  });

  test('a lab result: DATE to days, INT64 to bigint, JSON values kept, nullable null', () => {
    const row = rowFromRecord(tableLayout(labResultTable), {
      adcid: 7,
      ptid: 'P1',
      sample_id: 'S-1',
      accession_number: 9_007_199_254_740_991,
      assay: 'ptau217',
      collected_on: '2024-02-29',
      measured_at: '2024-03-01T08:00:00Z',
      reported_at: null,
      value: 0.42,
      below_detection_limit: false,
      instrument: { manufacturer: 'Quanterix', model: 'HD-X' },
      flags: ['hemolysed']
    });
    expect(row).toMatchObject({
      adcid: 7,
      accession_number: 9_007_199_254_740_991n,
      collected_on: 19_782,
      measured_at: 1_709_280_000_000_000n,
      reported_at: null,
      value: 0.42,
      below_detection_limit: false,
      lower_limit: null,
      instrument: { manufacturer: 'Quanterix', model: 'HD-X' },
      flags: ['hemolysed']
    });
    expect(Object.keys(row)).not.toContain('source_key');
  });

  test('a value its column cannot take is an InvalidRowError naming the column', () => {
    expect(() =>
      rowFromRecord(tableLayout(labResultTable), {
        collected_on: '2024-02-30',
        measured_at: '2024-03-01T00:00:00Z'
      })
    ).toThrow(new InvalidRowError('collected_on: not a real date: "2024-02-30"'));
  });
});
