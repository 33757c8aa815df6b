import { CommitConflictError, IncompatibleSchemaError } from './errors';
import { MemoryObjectStore } from './store/memory-object-store';
import { exampleRow, readVisitRows, visits } from './testing/row-arbitraries';
import { CheckpointTable } from './checkpoint-table';
import type { ColumnBatch } from './table/column-batch';
import { labResultTable } from '@reporting/schemas';

const KEY = 'reports/visits.parquet';

describe('replace: the whole checkpoint in one conditional write', () => {
  test('creates, then replaces: only the last run’s rows remain, sorted, with their lineage', async () => {
    const store = new MemoryObjectStore();
    const first = await visits.replace(store, KEY, [exampleRow(1), exampleRow(2)], {
      key: 'run-1',
      version: '1'
    });
    expect(first).toMatchObject({ rows: 2, created: true });
    const second = await visits.replace(store, KEY, [exampleRow(9, 5n), exampleRow(8, 3n)], {
      key: 'run-2',
      version: '1'
    });
    expect(second).toMatchObject({ rows: 2, created: false });
    const rows = await readVisitRows(store, KEY);
    expect(rows.map((row) => [row.timestamp, row.source_key])).toEqual([
      [3n, 'run-2'],
      [5n, 'run-2']
    ]);
    const empty = await visits.replace(store, KEY, [], { key: 'run-3', version: '1' });
    expect(empty.rows).toBe(0);
    expect(await readVisitRows(store, KEY)).toEqual([]);
  });

  test('of two replaces racing from the same version, one wins and the other writes nothing', async () => {
    let racing = false;
    const theirs = Uint8Array.of(1, 2, 3); // stands for the other run's file: only its new version matters
    const store: MemoryObjectStore = new MemoryObjectStore({
      beforeWrite: () => {
        // Another run commits between this one's read and its write.
        if (racing) store.put(KEY, theirs);
      }
    });
    await visits.replace(store, KEY, [exampleRow(1)], { key: 'seed', version: '1' });
    racing = true;
    await expect(visits.replace(store, KEY, [exampleRow(1)], { key: 'loser', version: '1' })).rejects.toThrow(
      CommitConflictError
    );
    expect(store.traffic.writes).toBe(1); // the seed only
    expect(store.get(KEY)).toEqual(theirs);
  });

  test('a file of another table is refused before anything is written', async () => {
    const store = new MemoryObjectStore();
    await visits.replace(store, KEY, [exampleRow(1)], { key: 'seed', version: '1' });
    const before = store.get(KEY);
    await expect(
      CheckpointTable.of(labResultTable).replace(store, KEY, [], { key: 'other', version: '1' })
    ).rejects.toThrow(IncompatibleSchemaError);
    expect(store.get(KEY)).toEqual(before);
    expect(store.traffic.writes).toBe(1);
  });

  describe('replaceBatches: rows streamed as column batches', () => {
    const batchOf = (rows: ReturnType<typeof exampleRow>[]): ColumnBatch => {
      const columns: Record<string, unknown[]> = {};
      for (const name of Object.keys(rows[0]))
        columns[name] = rows.map((row) => row[name as keyof typeof row]);
      return { rowCount: rows.length, columns };
    };
    async function* stream(batches: ColumnBatch[], failAfter?: number): AsyncGenerator<ColumnBatch> {
      for (const [index, batch] of batches.entries()) {
        if (index === failAfter) throw new Error('the export was cut off');
        yield batch;
      }
    }

    test('each batch becomes one row group, sorted within itself, in the order the batches came', async () => {
      const store = new MemoryObjectStore();
      const result = await visits.replaceBatches(
        store,
        KEY,
        stream([batchOf([exampleRow(1, 9n), exampleRow(2, 4n)]), batchOf([exampleRow(3, 1n)])]),
        { key: 'run-1', version: '1' }
      );
      expect(result).toMatchObject({ rows: 3, rowGroups: 2, created: true });
      const rows = await readVisitRows(store, KEY);
      expect(rows.map((row) => [row.timestamp, row.source_key])).toEqual([
        [4n, 'run-1'],
        [9n, 'run-1'],
        [1n, 'run-1']
      ]);
      expect((await visits.stats(store, KEY))?.rowGroups).toBe(2);
    });

    test('a stream that throws part-way writes nothing: the previous file stays', async () => {
      const store = new MemoryObjectStore();
      await visits.replace(store, KEY, [exampleRow(1)], { key: 'seed', version: '1' });
      const before = store.get(KEY);
      await expect(
        visits.replaceBatches(store, KEY, stream([batchOf([exampleRow(2)]), batchOf([exampleRow(3)])], 1), {
          key: 'cut',
          version: '1'
        })
      ).rejects.toThrow('the export was cut off');
      expect(store.get(KEY)).toEqual(before);
      expect(store.traffic.writes).toBe(1);
    });

    test('a value its column refuses names the row across batches and the column; nothing is written', async () => {
      const store = new MemoryObjectStore();
      const bad = batchOf([exampleRow(3), exampleRow(4)]);
      const columns = { ...bad.columns, timestamp: [5n, 'yesterday'] };
      await expect(
        visits.replaceBatches(
          store,
          KEY,
          [batchOf([exampleRow(1), exampleRow(2)]), { rowCount: 2, columns }],
          {
            key: 'bad',
            version: '1'
          }
        )
      ).rejects.toThrow(/row 3 from bad: timestamp must be a bigint/);
      await expect(
        visits.replaceBatches(store, KEY, [{ rowCount: 3, columns: bad.columns }], {
          key: 'short',
          version: '1'
        })
      ).rejects.toThrow(/has 2 values for 3 rows/);
      await expect(
        visits.replaceBatches(
          store,
          KEY,
          [{ rowCount: 2, columns: { ...bad.columns, source_key: ['x', 'y'] } }],
          {
            key: 'lineage',
            version: '1'
          }
        )
      ).rejects.toThrow(/source_key is not a data column/);
      expect(store.traffic.writes).toBe(0);
    });

    test('a column the batch leaves out is null in its rows; a required one is refused', async () => {
      const store = new MemoryObjectStore();
      const full = batchOf([exampleRow(1)]);
      const optional = Object.entries(full.columns).filter(([name]) => name !== 'packet');
      await visits.replaceBatches(store, KEY, [{ rowCount: 1, columns: Object.fromEntries(optional) }], {
        key: 'partial',
        version: '1'
      });
      expect((await readVisitRows(store, KEY))[0].packet).toBeNull();
      const withoutTimestamp = Object.entries(full.columns).filter(([name]) => name !== 'timestamp');
      await expect(
        visits.replaceBatches(store, KEY, [{ rowCount: 1, columns: Object.fromEntries(withoutTimestamp) }], {
          key: 'no-timestamp',
          version: '1'
        })
      ).rejects.toThrow(/row 0 from no-timestamp: timestamp is required/);
    });
  });
});
