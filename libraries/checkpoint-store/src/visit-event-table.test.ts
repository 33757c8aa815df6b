import { readFileSync } from 'fs';
import { join } from 'path';
import { parquetMetadata } from 'hyparquet';
import { visitEventTable } from '@reporting/schemas';

import { MemoryObjectStore } from './store/memory-object-store';
import { schemaElementsFromTable } from './table/table-layout';
import { exampleRow, readVisitRows, visits } from './testing/row-arbitraries';

/** A checkpoint written by the visit-event-only store (before tables came from JSON Schema), kept as it was. */
const FIXTURE = join(__dirname, '..', 'test-fixtures', 'visit-events-written-before-generic-tables.parquet');
const KEY = 'checkpoints/adrc/form/events.parquet';

describe('checkpoints written before tables came from JSON Schema', () => {
  const before = new Uint8Array(readFileSync(FIXTURE));

  it('have exactly the parquet schema the visit-event table derives from its JSON Schema', () => {
    const { schema } = parquetMetadata(
      before.buffer.slice(before.byteOffset, before.byteOffset + before.byteLength)
    );
    const strip = ({
      name,
      type,
      repetition_type,
      converted_type,
      logical_type,
      num_children
    }: (typeof schema)[number]) => ({
      name,
      type,
      repetition_type,
      converted_type,
      logical_type,
      num_children
    });
    expect(schema.map(strip)).toEqual(schemaElementsFromTable(visitEventTable).map(strip));
  });

  it('keep appending with no rewrite: the old bytes stay the prefix, nothing is upgraded, every row reads back', async () => {
    const store = new MemoryObjectStore();
    store.put(KEY, before);
    expect((await visits.stats(store, KEY))?.schema).toBe('current');
    const oldRows = await readVisitRows(store, KEY);
    expect(oldRows).toHaveLength(120);

    const added = [exampleRow(500, 1_800_000_000_000_000n)];
    const result = await visits.append(store, KEY, added, { key: 'prod/new.json', version: '"n"' });
    expect(result).toMatchObject({ upgraded: false, rowsAppended: 1, totalRows: 121, rowGroupsMerged: 0 });
    const after = store.get(KEY) as Uint8Array;
    const footerStart =
      before.length - 8 - new DataView(before.buffer, before.byteOffset).getUint32(before.length - 8, true);
    expect(
      Buffer.from(after.subarray(0, footerStart)).equals(Buffer.from(before.subarray(0, footerStart)))
    ).toBe(true);
    const rows = await readVisitRows(store, KEY);
    expect(rows.slice(0, 120)).toEqual(oldRows);
    expect(rows[120]).toMatchObject({ ...added[0], source_key: 'prod/new.json' });
  });

  it('the source already recorded in the old footer is still skipped', async () => {
    const store = new MemoryObjectStore();
    store.put(KEY, before);
    const again = await visits.append(store, KEY, [exampleRow(1)], {
      key: 'prod/log-1.json',
      version: '"etag1"'
    });
    expect(again).toMatchObject({ status: 'skipped', committed: false });
  });
});
