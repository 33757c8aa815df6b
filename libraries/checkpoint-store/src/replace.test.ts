import { CommitConflictError, IncompatibleSchemaError } from './errors';
import { MemoryObjectStore } from './store/memory-object-store';
import { exampleRow, readVisitRows, visits } from './testing/row-arbitraries';
import { CheckpointTable } from './checkpoint-table';
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
});
