import { Readable } from 'node:stream';
import { parseRedcapCsv } from './parse-redcap-csv';
import { jsonRecords } from './testing/json-records';
import { tableFromDataDictionary } from './table-from-data-dictionary';

const table = tableFromDataDictionary(
  [
    { field_name: 'record_id', form_name: 'f', field_type: 'text' },
    {
      field_name: 'n',
      form_name: 'f',
      field_type: 'text',
      text_validation_type_or_show_slider_number: 'integer'
    },
    { field_name: 'note', form_name: 'f', field_type: 'notes' },
    {
      field_name: 'on',
      form_name: 'f',
      field_type: 'checkbox',
      select_choices_or_calculations: '1, a | 2, b'
    }
  ],
  { name: 'stream', formCompleteColumns: false }
);
const RECORDS = 25_000;
const CHUNK = 7_919; // bytes; a prime, so chunks end mid-value, mid-quote and mid-line

const HEADER = 'record_id,n,note,on___1,on___2\n';
const line = (i: number) =>
  `${i},${i * 3},"line ${i}, with ""quotes""\nand a break",${i % 2},${(i + 1) % 2}\n`;
const expected = (i: number) => ({
  record_id: String(i),
  n: i * 3,
  note: `line ${i}, with "quotes"\nand a break`,
  on___1: i % 2 === 1,
  on___2: (i + 1) % 2 === 1,
  exported_at: '1970-01-01T00:00:00Z'
});

/** The CSV body generated lazily in fixed-size chunks, counting how many chunks were pulled. */
function source() {
  const pulled = { chunks: 0, total: 0 };
  async function* chunks() {
    let pending = HEADER;
    for (let i = 0; i < RECORDS; i++) {
      pending += line(i);
      while (pending.length >= CHUNK) {
        pulled.chunks++;
        yield Buffer.from(pending.slice(0, CHUNK));
        pending = pending.slice(CHUNK);
      }
    }
    pulled.chunks++;
    yield Buffer.from(pending);
    pulled.total = pulled.chunks;
  }
  return { stream: Readable.from(chunks()), pulled };
}

describe('parseRedcapCsv, streamed', () => {
  it('parses a large body in chunks into full batches, records in order across chunk and batch edges', async () => {
    const { stream, pulled } = source();
    const sizes: number[] = [];
    let count = 0;
    const wrong: unknown[] = [];
    for await (const batch of parseRedcapCsv(stream, table, { exportedAt: new Date(0) })) {
      sizes.push(batch.rowCount);
      for (const record of jsonRecords(table, [batch])) {
        // JSON text comparison (key order included): one expect per record would dominate the run.
        if (JSON.stringify(record) !== JSON.stringify(expected(count))) wrong.push(record);
        count++;
      }
    }
    expect(wrong.slice(0, 3)).toEqual([]);
    expect(count).toBe(RECORDS);
    expect(sizes).toEqual([10_000, 10_000, 5_000]);
    expect(pulled.total).toBeGreaterThan(100);
  });

  it('yields the first batch long before the body has been read (nothing buffers the whole body)', async () => {
    const { stream, pulled } = source();
    const batches = parseRedcapCsv(stream, table, { exportedAt: new Date(0) });
    const first = await batches.next();
    expect(first.value?.rowCount).toBe(10_000);
    // 10,000 of 25,000 records: about 40 % of the chunks, plus the streams' small buffers.
    let bodyLength = HEADER.length;
    for (let i = 0; i < RECORDS; i++) bodyLength += line(i).length;
    expect(pulled.total).toBe(0);
    expect(pulled.chunks).toBeLessThan(0.5 * Math.ceil(bodyLength / CHUNK));
    await batches.return(undefined);
  });

  it('stops reading the source when the consumer stops early', async () => {
    const { stream, pulled } = source();
    for await (const batch of parseRedcapCsv(stream, table, { exportedAt: new Date(0), batchSize: 1_000 })) {
      expect(batch.rowCount).toBe(1_000);
      break;
    }
    const after = pulled.chunks;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pulled.chunks).toBe(after);
    expect(stream.destroyed).toBe(true);
  });
});
