import * as fc from 'fast-check';

import type { CheckpointWriteOptions } from './append';
import type { Source } from './sources/source';
import { MemoryObjectStore } from './store/memory-object-store';
import { DuckDbReader } from '@reporting/test-kit';
import {
  type CheckpointRow,
  checkpointRow,
  multiset,
  readVisitRows,
  type StoredCheckpointRow,
  storedVisit,
  visits
} from './testing/row-arbitraries';

type Operation =
  | { kind: 'append'; batches: Array<{ source: number; version: string; rows: CheckpointRow[] }> }
  | { kind: 'compact' };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      batches: fc.array(
        fc.record({
          // few sources and versions, so repeats (same object delivered again) are common
          source: fc.integer({ min: 0, max: 6 }),
          version: fc.constantFrom('v1', 'v2'),
          rows: fc.array(checkpointRow, { maxLength: 4 }) // empty and one-row batches included
        }),
        { minLength: 1, maxLength: 3 }
      )
    })
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'compact' as const }) }
);

const settings = fc.record({
  rowGroupRows: fc.integer({ min: 1, max: 6 }),
  maxRowGroups: fc.integer({ min: 2, max: 6 }),
  // 1 byte: every append copies its prefix (the multipart path); 1 GiB: never (the single-PUT path)
  minimumPrefixBytes: fc.constantFrom(1, 2048, 1 << 30)
});

const KEY = 'checkpoints/adrc/form/events.parquet';
const silent = { info: (): void => undefined, warn: (): void => undefined };

function sourceOf(index: number, version: string): Source {
  return { key: `prod/log-submit-${index}-ß ${index}.json`, version };
}

/** Runs the operations against a memory store, and against a model of what must be there. */
async function run(
  operations: readonly Operation[],
  store: MemoryObjectStore,
  options: CheckpointWriteOptions
): Promise<StoredCheckpointRow[]> {
  const expected: StoredCheckpointRow[] = [];
  const applied = new Set<string>();
  let now = 0n;
  for (const op of operations) {
    now += 1n;
    if (op.kind === 'compact') {
      await visits.compact(store, KEY, { ...options, clock: () => now });
      continue;
    }
    const batches = op.batches.map(({ source, version, rows }) => ({
      source: sourceOf(source, version),
      rows
    }));
    const result = await visits.appendBatches(store, KEY, batches, { ...options, clock: () => now });
    const ingestedAt = now;
    const shouldApply = batches.filter(({ source }) => {
      const id = `${source.key}@${source.version}`;
      if (applied.has(id)) return false;
      applied.add(id);
      return true;
    });
    expect(result.applied).toEqual(shouldApply.map((batch) => batch.source));
    expect(result.skipped.length).toBe(batches.length - shouldApply.length);
    for (const { source, rows } of shouldApply) {
      expected.push(...rows.map((row) => storedVisit(row, source, ingestedAt)));
    }
  }
  return expected;
}

describe('checkpoint invariants', () => {
  let duckdb: DuckDbReader;
  beforeAll(async () => {
    duckdb = await DuckDbReader.open();
  });
  afterAll(() => duckdb.close());

  test('checkpoint invariants: any sequence of appends and compactions leaves exactly the expected multiset, read alike by DuckDB and our reader, with sorted row groups and a bounded count', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 7 }),
        settings,
        async (operations, { minimumPrefixBytes, ...limits }) => {
          const store = new MemoryObjectStore({ minimumPrefixBytes });
          const options = { ...limits, logger: silent };
          const expected = await run(operations, store, options);
          const bytes = store.get(KEY);
          if (bytes === undefined) {
            expect(operations.every((op) => op.kind === 'compact')).toBe(true);
            return;
          }

          const ours = await readVisitRows(store, KEY);
          expect(multiset(ours)).toEqual(multiset(expected));

          const path = duckdb.file(bytes);
          expect(multiset(await duckdb.rows(path))).toEqual(multiset(expected));
          expect(await duckdb.types(path)).toEqual({
            action: 'VARCHAR',
            study: 'VARCHAR',
            pipeline_adcid: 'INTEGER',
            project_label: 'VARCHAR',
            center_label: 'VARCHAR',
            gear_name: 'VARCHAR',
            ptid: 'VARCHAR',
            visit_date: 'VARCHAR',
            visit_number: 'VARCHAR',
            datatype: 'VARCHAR',
            module: 'VARCHAR',
            packet: 'VARCHAR',
            timestamp: 'TIMESTAMP WITH TIME ZONE',
            source_key: 'VARCHAR',
            source_version: 'VARCHAR',
            ingested_at: 'TIMESTAMP WITH TIME ZONE'
          });

          const stats = await visits.stats(store, KEY);
          expect(stats?.rowGroups).toBeLessThanOrEqual(limits.maxRowGroups);
          let offset = 0;
          for (const groupRows of stats?.rowGroupRows ?? []) {
            const group = ours.slice(offset, offset + groupRows);
            offset += groupRows;
            for (let i = 1; i < group.length; i++)
              expect(group[i - 1].timestamp <= group[i].timestamp).toBe(true);
          }
          expect(offset).toBe(expected.length);
        }
      ),
      { numRuns: 100 }
    );
  });

  test('exactly once across compaction: full compaction keeps only the first application of a source re-applied after the bounded record forgot it, and reports how many rows it removed', async () => {
    await fc.assert(
      fc.asyncProperty(
        // the same object (key + version) always has the same content
        fc.array(fc.array(checkpointRow, { maxLength: 3 }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 1, max: 3 }),
        async (contents, order, capacity) => {
          const store = new MemoryObjectStore({ minimumPrefixBytes: 1 });
          const firstApplication: StoredCheckpointRow[] = [];
          const seen = new Set<number>();
          let appended = 0;
          let now = 0n;
          for (const pick of order) {
            const index = pick % contents.length;
            const rows = contents[index];
            now += 1n;
            const ingestedAt = now;
            const result = await visits.appendBatches(store, KEY, [{ source: sourceOf(index, 'v1'), rows }], {
              appliedSourcesCapacity: capacity,
              clock: () => ingestedAt,
              logger: silent
            });
            if (result.applied.length === 1) appended += rows.length;
            if (!seen.has(index)) {
              seen.add(index);
              firstApplication.push(
                ...rows.map((row) => storedVisit(row, sourceOf(index, 'v1'), ingestedAt))
              );
            }
          }
          const compacted = await visits.compact(store, KEY, { logger: silent });
          expect(compacted?.duplicateRowsRemoved).toBe(appended - firstApplication.length);
          expect(multiset(await readVisitRows(store, KEY))).toEqual(multiset(firstApplication));
        }
      ),
      { numRuns: 100 }
    );
  });
});
