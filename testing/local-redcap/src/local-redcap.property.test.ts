import { parse } from 'csv-parse/sync';
import * as fc from 'fast-check';

import { checkboxColumn, type MetadataRow, parseChoices } from './data-dictionary';
import { LocalRedcap, startLocalRedcap } from './local-redcap';
import type { RedcapRecord } from './project';
import { post, SAMPLE_TOKEN } from './test/sample-project';

let redcap: LocalRedcap;
const METADATA: MetadataRow[] = [
  { field_name: 'record_id', form_name: 'f', field_type: 'text', field_label: 'ID' },
  { field_name: 'free', form_name: 'f', field_type: 'notes', field_label: 'Free text' },
  {
    field_name: 'many',
    form_name: 'f',
    field_type: 'checkbox',
    field_label: 'Many',
    select_choices_or_calculations: '1, One | 2, Two | 99, Other, please say'
  }
];

beforeAll(async () => {
  redcap = await startLocalRedcap({ projects: { p: { tokens: [SAMPLE_TOKEN], metadata: METADATA } } });
});
afterAll(() => redcap.close());

const records = fc.uniqueArray(
  fc.record({
    record_id: fc.stringMatching(/^[A-Za-z0-9-]{1,8}$/),
    free: fc.string({ unit: 'grapheme', maxLength: 30 }),
    many: fc.subarray(['1', '2', '99'])
  }),
  { selector: (record) => record.record_id, maxLength: 8 }
);

test('flat csv export: any text and checked choices read back equal through a CSV parser', async () => {
  await fc.assert(
    fc.asyncProperty(records, async (generated: RedcapRecord[]) => {
      redcap.project('p').records = generated;
      const response = await post(redcap.url, { token: SAMPLE_TOKEN, content: 'record', format: 'csv' });
      const [header, ...rows] = parse(await response.text()) as string[][];
      expect(header).toEqual(['record_id', 'free', 'many___1', 'many___2', 'many___99', 'f_complete']);
      expect(rows).toEqual(
        generated.map((record) => [
          record.record_id,
          record.free,
          ...['1', '2', '99'].map((code) => ((record.many as string[]).includes(code) ? '1' : '0')),
          ''
        ])
      );
    }),
    { numRuns: 100 }
  );
});

test('choice lists: every code and label of a formatted list is parsed back, labels keeping commas', () => {
  const choice = fc.record({
    code: fc.stringMatching(/^-?[A-Za-z0-9_]{1,6}$/),
    label: fc.stringMatching(/^[^|\s](?:[^|]{0,20}[^|\s])?$/)
  });
  fc.assert(
    fc.property(
      fc.uniqueArray(choice, { selector: (c) => c.code, minLength: 1, maxLength: 6 }),
      (choices) => {
        const text = choices.map((c) => `${c.code}, ${c.label}`).join(' | ');
        expect(parseChoices(text)).toEqual(choices);
      }
    ),
    { numRuns: 100 }
  );
});

test('checkbox columns: names are field___ followed by a lower-case word made of the code', () => {
  fc.assert(
    fc.property(
      fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
      fc.string({ minLength: 1, maxLength: 6 }),
      (field, code) => {
        const column = checkboxColumn(field, code);
        expect(column.startsWith(`${field}___`)).toBe(true);
        expect(column.slice(field.length + 3)).toMatch(/^[a-z0-9_]+$/);
        expect(column.length).toBe(field.length + 3 + code.length);
      }
    ),
    { numRuns: 100 }
  );
});
