import { Readable } from 'node:stream';
import type { DataDictionaryField } from './data-dictionary';
import { RedcapCsvError } from './errors';
import { type ParseRedcapCsvOptions, type RedcapColumnBatch, parseRedcapCsv } from './parse-redcap-csv';
import { jsonRecords } from './testing/json-records';
import { tableFromDataDictionary } from './table-from-data-dictionary';

const row = (field_name: string, field_type: string, extra: Partial<DataDictionaryField> = {}) => ({
  field_name,
  form_name: 'visit',
  field_type,
  ...extra
});
const text = (name: string, validation: string) =>
  row(name, 'text', { text_validation_type_or_show_slider_number: validation });

const table = tableFromDataDictionary(
  [
    row('record_id', 'text'),
    text('dob', 'date_mdy'),
    text('seen_at', 'datetime_seconds_dmy'),
    text('age', 'integer'),
    text('weight', 'number_1dp'),
    row('consent', 'yesno'),
    row('sex', 'radio', { select_choices_or_calculations: '1, Female | 2, Male' }),
    row('symptoms', 'checkbox', { select_choices_or_calculations: '1, Fever | -1, Unknown' }),
    row('bmi', 'calc', { select_choices_or_calculations: '[weight]/([height]^2)' }),
    row('comments', 'notes'),
    row('intro', 'descriptive')
  ],
  { name: 'visits' }
);
const exportedAt = new Date('2026-12-06T05:00:00.000Z');
const HEADER =
  'record_id,dob,seen_at,age,weight,consent,sex,symptoms___1,symptoms____1,bmi,comments,visit_complete';

async function parseAll(body: string | Buffer, options: Partial<ParseRedcapCsvOptions> = {}) {
  const batches: RedcapColumnBatch[] = [];
  for await (const batch of parseRedcapCsv(Readable.from([body]), table, { exportedAt, ...options })) {
    batches.push(batch);
  }
  return batches;
}
const records = async (body: string, options: Partial<ParseRedcapCsvOptions> = {}) =>
  jsonRecords(table, await parseAll(body, options));

async function refusal(body: string, options: Partial<ParseRedcapCsvOptions> = {}): Promise<RedcapCsvError> {
  try {
    await parseAll(body, options);
  } catch (error) {
    if (error instanceof RedcapCsvError) return error;
    throw error;
  }
  throw new Error('the CSV was accepted');
}

describe('parseRedcapCsv', () => {
  it('turns each raw row into a record of the mapped types, in table order, with exported_at', async () => {
    const body = `${HEADER}\n1,1990-07-14,2024-03-05 14:07:09,42,71.5,1,2,1,0,23.4,"Felt ""fine"", then\nworse",2\n`;
    const [record] = await records(body);
    expect(record).toStrictEqual({
      record_id: '1',
      dob: '1990-07-14',
      seen_at: '2024-03-05T14:07:09Z',
      age: 42,
      weight: 71.5,
      consent: true,
      sex: '2',
      symptoms___1: true,
      symptoms____1: false,
      bmi: 23.4,
      comments: 'Felt "fine", then\nworse',
      visit_complete: '2',
      exported_at: '2026-12-06T05:00:00Z'
    });
    expect(Object.keys(record)).toEqual(table.columns.map((c) => c.name));
  });

  it('maps empty values to null', async () => {
    const [record] = await records(`${HEADER}\n7,,,,,,,,,,,\n`);
    expect(record).toMatchObject({ record_id: '7', dob: null, age: null, consent: null, symptoms___1: null });
  });

  it('matches columns by header name, in any order, and gives fields the header lacks null', async () => {
    const [record] = await records('age,record_id\n5,r-1\n');
    expect(record).toMatchObject({ record_id: 'r-1', age: 5, dob: null, sex: null, visit_complete: null });
    expect(Object.keys(record)).toHaveLength(table.columns.length);
  });

  it('reads a CRLF body with a byte order mark', async () => {
    const [record] = await records('\uFEFFrecord_id,age\r\n1,2\r\n');
    expect(record).toMatchObject({ record_id: '1', age: 2 });
  });

  it('yields nothing for an empty report, header only or no body at all', async () => {
    expect(await parseAll(`${HEADER}\n`)).toEqual([]);
    expect(await parseAll('')).toEqual([]);
  });

  it('applies the server UTC offset and the missing data codes', async () => {
    const [record] = await records('record_id,seen_at,age,comments\n1,2024-03-05 01:00,UNK,UNK\n', {
      utcOffset: '+02:00',
      missingDataCodes: ['UNK']
    });
    expect(record).toMatchObject({ seen_at: '2024-03-04T23:00:00Z', age: null, comments: 'UNK' });
  });

  it('yields batches of batchSize records, the last one shorter', async () => {
    const body = ['record_id,age', ...Array.from({ length: 7 }, (_, i) => `${i},${i}`)].join('\n');
    const batches = await parseAll(body, { batchSize: 3 });
    expect(batches.map((b) => b.columns.age.toArray())).toEqual([[0n, 1n, 2n], [3n, 4n, 5n], [6n]]);
  });

  it('refills one set of vectors batch after batch when asked (reuseVectors), each read before the next', async () => {
    const body = [
      'record_id,age,comments',
      ...Array.from({ length: 2500 }, (_, i) => `${i},${i % 90},${i < 1200 ? `note ${i}` : 'same'}`)
    ].join('\n');
    const read = async (reuseVectors: boolean) => {
      const seen: unknown[][] = [];
      let first: unknown;
      for await (const batch of parseRedcapCsv(Readable.from([body]), table, {
        exportedAt,
        batchSize: 1000,
        reuseVectors
      })) {
        first ??= batch.columns.age;
        seen.push(batch.columns.age.toArray(), batch.columns.comments.toArray());
        if (reuseVectors) expect(batch.columns.age).toBe(first); // the same vector, refilled
      }
      return seen;
    };
    // The comments column drops its dictionary in the first batch (mostly distinct), and gets one again.
    expect(await read(true)).toEqual(await read(false));
  });

  describe('refuses, naming the line, the field and the value,', () => {
    it.each([
      ['an integer that is not one', 'record_id,age\n1,4\n2,4.2\n', 3, 'age', /"4.2" is not an integer/],
      ['an impossible date', 'record_id,dob\n1,2023-02-29\n', 2, 'dob', /"2023-02-29" is not a real date/],
      ['a date as entered, not raw', 'record_id,dob\n1,07/14/1990\n', 2, 'dob', /is not a date/],
      ['a datetime without time', 'record_id,seen_at\n1,2024-03-05\n', 2, 'seen_at', /is not a date-time/],
      ['a yes/no that is neither', 'record_id,consent\n1,Yes\n', 2, 'consent', /"Yes" is not 1 or 0/],
      ['a checkbox that is neither', 'record_id,symptoms___1\n1,2\n', 2, 'symptoms___1', /"2" is not 1 or 0/],
      ['a calc that is not a number', 'record_id,bmi\n1,n/a\n', 2, 'bmi', /"n\/a" is not a number/],
      ['an empty record id', 'record_id,age\n,4\n', 2, 'record_id', /required/],
      // The physical line: the quoted note spans lines 2–3, the bad age is on line 5.
      [
        'a value after a multi-line one',
        'record_id,comments,age\n1,"a\nb",1\n2,c,2\n3,d,x\n',
        5,
        'age',
        /"x"/
      ]
    ])('%s', async (_, body, line, field, message) => {
      const error = await refusal(body);
      expect(error).toMatchObject({ line, field });
      expect(error.message).toMatch(message);
      expect(error.message.startsWith(`REDCap CSV, line ${line}, field "${field}": `)).toBe(true);
    });

    it('a long value, shortened', async () => {
      const error = await refusal(`record_id,age\n1,${'9'.repeat(100)}.5\n`);
      expect(error.message).toContain(`"${'9'.repeat(60)}…" is not an integer`);
    });
  });

  describe('refuses a header the table does not match:', () => {
    it.each([
      [
        'a column not in the dictionary',
        'record_id,age,shoe_size\n',
        'shoe_size',
        /column shoe_size is not in the data dictionary/
      ],
      [
        'a system column not requested',
        'record_id,redcap_event_name\n',
        'redcap_event_name',
        /not in the data dictionary/
      ],
      ['the lineage column', 'record_id,exported_at\n', 'exported_at', /not in the data dictionary/],
      ['a column named twice', 'record_id,age,age\n', 'age', /twice/],
      ['no record id', 'age\n1\n', 'record_id', /record id column is missing/]
    ])('%s', async (_, body, field, message) => {
      const error = await refusal(body);
      expect(error).toMatchObject({ line: 1, field });
      expect(error.message).toMatch(message);
    });
  });

  it('refuses malformed CSV, naming the line', async () => {
    const uneven = await refusal('record_id,age\n1,2\n3\n');
    expect(uneven).toMatchObject({ line: 3, field: undefined });
    expect(uneven.message).toBe('REDCap CSV, line 3: the record has 1 values, the header 2');
    const unclosed = await refusal('record_id,age\n1,"2\n');
    expect(unclosed.message).toBe(
      'REDCap CSV, line 2: a quoted value is still open at the end of the body (a truncated export?)'
    );
    const stray = await refusal('record_id,age\n1,2\n2,3"\n');
    expect(stray.message).toBe('REDCap CSV, line 3: a quote inside an unquoted value');
  });

  it('passes on an error of the input stream', async () => {
    async function* failing() {
      yield 'record_id,age\n1,2\n';
      throw new Error('connection reset');
    }
    const run = async () => {
      const batches = [];
      for await (const batch of parseRedcapCsv(failing(), table, { exportedAt })) batches.push(batch);
      return batches;
    };
    await expect(run()).rejects.toThrow('connection reset');
  });

  it('refuses bad options before reading', async () => {
    const run = (options: Partial<ParseRedcapCsvOptions>) => parseAll('record_id\n1\n', options);
    await expect(run({ batchSize: 0 })).rejects.toThrow(/batchSize/);
    await expect(run({ exportedAt: new Date(Number.NaN) })).rejects.toThrow(/exportedAt/);
    await expect(run({ utcOffset: 'CET' })).rejects.toThrow(/utcOffset/);
  });
});
