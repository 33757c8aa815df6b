import { parse } from 'csv-parse/sync';
import fc from 'fast-check';

import { CsvSyntaxError, CsvTokenizer } from './csv-tokenizer';

/** Every record of `body` cut into chunks at `cuts` (byte positions), as arrays of field texts. */
function tokenize(body: Buffer, cuts: number[]): string[][] {
  const tokenizer = new CsvTokenizer();
  const records: string[][] = [];
  let from = 0;
  for (const cut of [...cuts.filter((c) => c < body.length).sort((a, b) => a - b), body.length]) {
    for (const record of tokenizer.push(body.subarray(from, cut))) records.push(record.texts());
    from = cut;
  }
  for (const record of tokenizer.end()) records.push(record.texts());
  return records;
}

/** csv-parse's reading of the same body: the options parseRedcapCsv used with it. */
function reference(body: Buffer): string[][] {
  return parse(body, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
}

const fieldText = fc
  .array(fc.constantFrom('a', 'Z', '7', ' ', ',', '"', '\n', '\r\n', '\r', 'é', '日本', '🙂', '-', '.'), {
    maxLength: 8
  })
  .map((parts) => parts.join(''));

/** A field as a CSV writer would put it: quoted when it must be (and sometimes when it need not). */
const csvField = fc
  .tuple(fieldText, fc.boolean())
  .map(([text, quoteAnyway]) =>
    quoteAnyway || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
  );

const csvBody = fc
  .record({
    records: fc.array(fc.array(csvField, { minLength: 1, maxLength: 5 }), { maxLength: 8 }),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
    blankAfter: fc.array(fc.nat({ max: 9 }), { maxLength: 3 })
  })
  .map(({ records, eol, bom, finalNewline, blankAfter }) => {
    // A record of one empty unquoted field is an empty line: csv-parse and the tokenizer both skip it.
    const lines = records
      .filter((fields) => !(fields.length === 1 && fields[0] === ''))
      .map((fields) => fields.join(','));
    for (const at of blankAfter) lines.splice(Math.min(at, lines.length), 0, '');
    const text = lines.join(eol) + (finalNewline && lines.length > 0 ? eol : '');
    return Buffer.from((bom ? '\uFEFF' : '') + text);
  });

const cuts = fc.array(fc.nat({ max: 400 }), { maxLength: 6 });

describe('CsvTokenizer against csv-parse', () => {
  test('csv tokenizer: any well-formed body, cut into chunks anywhere, reads as csv-parse reads it', () => {
    fc.assert(
      fc.property(csvBody, cuts, (body, at) => {
        expect(tokenize(body, at)).toEqual(reference(body));
      }),
      { numRuns: 500 }
    );
  });

  test('csv tokenizer: a body with a quote put anywhere is refused where csv-parse refuses it, else read the same', () => {
    fc.assert(
      fc.property(csvBody, fc.nat(), cuts, (body, where, at) => {
        const position = body.length === 0 ? 0 : where % (body.length + 1);
        const damaged = Buffer.concat([
          body.subarray(0, position),
          Buffer.from('"'),
          body.subarray(position)
        ]);
        let expected: string[][] | 'refused';
        try {
          expected = reference(damaged);
        } catch {
          expected = 'refused';
        }
        let actual: string[][] | 'refused';
        try {
          actual = tokenize(damaged, at);
        } catch (error) {
          expect(error).toBeInstanceOf(CsvSyntaxError);
          actual = 'refused';
        }
        expect(actual).toEqual(expected);
      }),
      { numRuns: 500 }
    );
  });

  test('csv tokenizer: a body cut short inside a quoted value is refused, naming the line the value opened on', () => {
    const body = Buffer.from('id,note\n1,"one\ntwo"\n2,"three\nfour');
    expect(() => tokenize(body, [11, 20])).toThrow(
      new CsvSyntaxError(4, 'a quoted value is still open at the end of the body (a truncated export?)')
    );
    expect(() => reference(body)).toThrow(/Quote Not Closed/);
  });

  test('each record knows the line it ends on', () => {
    const tokenizer = new CsvTokenizer();
    const lines: unknown[] = [];
    // The record object is reused: read each before the next.
    for (const record of tokenizer.push(Buffer.from('h\r\n\r\n"a\nb"\r\n\r\nc\r\n')))
      lines.push([record.texts(), record.line]);
    for (const record of tokenizer.end()) lines.push([record.texts(), record.line]);
    expect(lines).toEqual([
      [['h'], 1],
      [['a\nb'], 4],
      [['c'], 6]
    ]);
  });
});
