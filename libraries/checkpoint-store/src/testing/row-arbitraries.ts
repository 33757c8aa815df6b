import * as fc from 'fast-check';

import { type VisitEventRow as StoredCheckpointRow, visitEventTable } from '@reporting/schemas';

export type { StoredCheckpointRow };

import { CheckpointTable } from '../checkpoint-table';
import type { Source } from '../sources/source';
import { tableLayout } from '../table/table-layout';
import { withLineage } from '../table/table-row';

/**
 * The test fixture table: visit events (schemas/definitions/visit-event.schema.json), the first
 * table this engine served. The engine itself knows no table.
 */
export const visits = CheckpointTable.of<StoredCheckpointRow>(visitEventTable);
/** Its layout, for tests of the engine's internals. */
export const visitLayout = tableLayout(visitEventTable);

/** A visit-event row in the engine's values, without its lineage (what a lambda appends). */
export type CheckpointRow = Omit<StoredCheckpointRow, 'source_key' | 'source_version' | 'ingested_at'>;

/** The stored form of a fixture row (lineage added), as the engine writes it. */
export function storedVisit(row: CheckpointRow, source: Source, ingestedAt: bigint): StoredCheckpointRow {
  return withLineage(visitLayout, row, source, ingestedAt) as StoredCheckpointRow;
}

/** Rows read back from the fixture table. */
export const readVisitRows = visits.readRows.bind(visits);

const ACTIONS = ['submit', 'pass-qc', 'not-pass-qc', 'delete'] as const;
const DATATYPES = ['form', 'apoe', 'dicom', 'scan-analysis'] as const;

/** Strings including empty, non-ASCII (accents, CJK, emoji, combining marks) and arbitrary code points. */
export const text: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', 'UDS', 'ingest-form-dvcid', 'Zürich', '北京', '🧠🧪', 'e\u0301', 'a b+c=%2F'),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 })
);

/** Microseconds across DuckDB's timestamp range (years 1–9999), plus values near the epoch. */
export const timestampMicros: fc.Arbitrary<bigint> = fc.oneof(
  fc.bigInt({ min: -62_135_596_800_000_000n, max: 253_402_300_799_999_999n }),
  fc.bigInt({ min: -5n, max: 5n }),
  fc.bigInt({ min: 1_700_000_000_000_000n, max: 1_700_000_000_000_100n })
);

export const checkpointRow: fc.Arbitrary<CheckpointRow> = fc.record({
  action: fc.constantFrom(...ACTIONS),
  study: text,
  pipeline_adcid: fc.integer({ min: -2147483648, max: 2147483647 }),
  project_label: text,
  center_label: text,
  gear_name: text,
  ptid: text,
  visit_date: text,
  visit_number: fc.option(text),
  datatype: fc.constantFrom(...DATATYPES),
  module: fc.option(text),
  packet: fc.option(text),
  timestamp: timestampMicros
});

/** A realistic row for sizing and examples. */
export function exampleRow(
  i: number,
  timestamp: bigint = 1_700_000_000_000_000n + BigInt(i) * 1_000_000n
): CheckpointRow {
  return {
    action: ACTIONS[i % 4],
    study: 'adrc',
    pipeline_adcid: 40 + (i % 7),
    project_label: 'ingest-form',
    center_label: `center-${i % 11}`,
    gear_name: 'form-scheduler',
    ptid: `P${String(i % 5000).padStart(6, '0')}`,
    visit_date: '2024-01-15',
    visit_number: i % 5 === 0 ? null : String(1 + (i % 3)).padStart(2, '0'),
    datatype: 'form',
    module: ['UDS', 'FTLD', 'LBD'][i % 3],
    packet: i % 9 === 0 ? null : ['I', 'F', 'IT'][i % 3],
    timestamp
  };
}

/** Canonical text of a row over all columns, for multiset comparison (bigints as decimal text). */
export function rowKey(row: StoredCheckpointRow): string {
  return JSON.stringify(
    visits.columnNames.map((name) => {
      const value = (row as unknown as Record<string, unknown>)[name];
      return typeof value === 'bigint' ? `${value}n` : value;
    })
  );
}

/** Sorted canonical keys: equal arrays ⇔ equal multisets. */
export function multiset(rows: readonly StoredCheckpointRow[]): string[] {
  return rows.map(rowKey).sort();
}
