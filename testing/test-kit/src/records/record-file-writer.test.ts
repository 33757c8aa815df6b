import {
  csvCanHold,
  recordPosition,
  recordsCsv,
  writeRecordFile,
  type RecordFileFormat
} from './record-file-writer';

const schema = { properties: { id: {}, name: {}, score: {}, ok: {}, tags: {}, note: {} } };
const first = { id: 1, name: 'a, "b"', score: 0.5, ok: true, tags: ['x', 'y'], note: null };
const second = { id: -2, name: 'line\nbreak', score: 1e21, ok: false, tags: { nested: 1 } };

const text = (format: RecordFileFormat, records: object[]): string =>
  writeRecordFile(format, records, schema).body.toString('utf8');

describe('writeRecordFile', () => {
  it('writes one record as one JSON object (.json), and refuses other counts', () => {
    expect(writeRecordFile('json', [first], schema)).toEqual({
      body: Buffer.from(JSON.stringify(first)),
      extension: 'json'
    });
    expect(() => writeRecordFile('json', [first, second], schema)).toThrow(
      'a json file holds one record, not 2'
    );
  });

  it('writes a JSON array (.json) and NDJSON (.ndjson), one line per record', () => {
    expect(JSON.parse(text('json-array', [first, second]))).toEqual([first, second]);
    expect(writeRecordFile('json-array', [first], schema).extension).toBe('json');
    expect(text('ndjson', [first, second])).toBe(`${JSON.stringify(first)}\n${JSON.stringify(second)}\n`);
    expect(writeRecordFile('ndjson', [first], schema).extension).toBe('ndjson');
  });

  it('writes CSV (.csv) under a header of the schema, values as the CSV coercion reads them', () => {
    const file = writeRecordFile('csv', [first, second], schema);
    expect(file.extension).toBe('csv');
    expect(file.body.toString('utf8')).toBe(
      'id,name,score,ok,tags,note\n' +
        '1,"a, ""b""",0.5,true,"[""x"",""y""]",\n' + // null: an empty cell; arrays as JSON text
        '-2,"line\nbreak",1e+21,false,"{""nested"":1}",\n' // absent: an empty cell
    );
  });

  it('adds the fields a schema does not have as columns after its own (an unknown column)', () => {
    expect(text('csv', [{ id: 1, extra: 'e' }]).split('\n')[0]).toBe('id,name,score,ok,tags,note,extra');
  });

  it('writes CSV with CRLF line endings and a byte-order mark when asked', () => {
    expect(recordsCsv([{ a: 'x\ry' }], ['a'], { lineEnding: 'windows', bom: true })).toBe(
      '\ufeffa\r\n"x\ry"\r\n'
    );
  });
});

describe('csvCanHold', () => {
  it('is false for a record with a blank string (read back as null), true otherwise', () => {
    expect(csvCanHold(first)).toBe(true);
    expect(csvCanHold({ ...first, name: '' })).toBe(false);
    expect(csvCanHold({ ...first, name: '  ' })).toBe(false);
  });
});

describe('recordPosition', () => {
  it("names a record as the lambda's reasons do, per format", () => {
    expect(recordPosition('json-array', 1)).toBe('record 2 (index 1)');
    expect(recordPosition('ndjson', 1)).toBe('line 2');
    expect(recordPosition('csv', 1)).toBe('line 3 (record 2)');
  });
});
