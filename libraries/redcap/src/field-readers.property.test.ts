import { columnVector } from '@reporting/checkpoint-store';
import { type TableColumnType, tableColumn } from '@reporting/schemas';
import fc from 'fast-check';

import { type CsvRecord, CsvTokenizer } from './csv-tokenizer';
import { fieldReader } from './field-readers';
import { ValueRefused, valueConverter } from './value-converters';

const OPTIONS = { utcOffsetMinutes: -300, missingDataCodes: new Set<string>() };
const TYPES: TableColumnType[] = ['string', 'int32', 'int64', 'double', 'boolean', 'date', 'timestamp'];

/** The one record of a one-line CSV holding `text` as its only field (quoted, as a writer would). */
function recordOf(text: string): CsvRecord {
  const tokenizer = new CsvTokenizer();
  const line = Buffer.from(`"${text.replaceAll('"', '""')}"\n`);
  const [record] = [...tokenizer.push(line)];
  return record;
}

/** What a column holds after reading `text` one way, or the refusal's message. */
function outcome(type: TableColumnType, read: (vector: ReturnType<typeof columnVector>) => void): unknown {
  const vector = columnVector(tableColumn('value', type), 1, { dictionary: false });
  try {
    read(vector);
  } catch (error) {
    if (error instanceof ValueRefused) return `refused: ${error.message}`;
    throw error;
  }
  return vector.toArray()[0];
}

const pieces = fc.constantFrom(
  '0',
  '1',
  '7',
  '9',
  '.',
  '-',
  '+',
  'e',
  'E',
  ',',
  ' ',
  ':',
  'T',
  'x',
  'é',
  '"'
);
const shapedText = fc.oneof(
  fc.array(pieces, { maxLength: 20 }).map((parts) => parts.join('')),
  fc.double().map(String),
  fc.integer().map(String),
  fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }).map(String),
  fc
    .date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true })
    .map((date) => date.toISOString().slice(0, 19).replace('T', ' ')),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  fc.stringMatching(/^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2})?)?$/)
);

describe('field readers', () => {
  test('bytes or text: any field text reads into its column as the text converter reads it, refusals included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TYPES), shapedText, (type, text) => {
        const column = tableColumn('value', type);
        const read = fieldReader(column, OPTIONS);
        const convert = valueConverter(type, false, OPTIONS);
        const fast = outcome(type, (vector) => read(recordOf(text), 0, vector));
        const slow = outcome(type, (vector) => vector.push(convert(text)));
        expect(fast).toEqual(slow);
      }),
      { numRuns: 2000 }
    );
  });
});
