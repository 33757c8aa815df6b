import { parseEventFile } from './parse-event-file';
import { SAMPLE_EVENT } from '@reporting/test-kit';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');

describe('parseEventFile', () => {
  it('accepts a valid event, with or without a UTF-8 byte-order mark', () => {
    const json = JSON.stringify(SAMPLE_EVENT);
    expect(parseEventFile(bytes(json))).toEqual({ valid: true, event: SAMPLE_EVENT });
    expect(parseEventFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(json)]))).toEqual({
      valid: true,
      event: SAMPLE_EVENT
    });
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'file is not valid UTF-8 text'],
    ['an empty file', bytes('  \n'), 'file is empty'],
    ['truncated JSON', bytes('{"action": "submit", '), 'file is not valid JSON: '],
    ['deep nesting', bytes('['.repeat(200000) + ']'.repeat(200000)), 'file ']
  ])('rejects %s with a reason', (_name, input, reason) => {
    const result = parseEventFile(input);
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reasons[0].startsWith(reason)).toBe(true);
  });

  it('rejects a leap-second timestamp, which the schema admits but a UTC timestamp cannot hold', () => {
    const result = parseEventFile(
      bytes(JSON.stringify({ ...SAMPLE_EVENT, timestamp: '2016-12-31T23:59:60Z' }))
    );
    expect(result).toEqual({
      valid: false,
      reasons: [
        'timestamp: "2016-12-31T23:59:60Z" is a leap second (second 60), which a UTC timestamp cannot hold'
      ]
    });
  });

  it('rejects text that is not well-formed Unicode, naming the field', () => {
    const text = JSON.stringify({ ...SAMPLE_EVENT, center_label: 'al' }).replace('"al"', '"al\\ud800pha"');
    const result = parseEventFile(bytes(text));
    expect(result).toEqual({
      valid: false,
      reasons: [
        'center_label: text contains an unpaired UTF-16 surrogate (\\ud800), which is not a Unicode character and cannot be stored'
      ]
    });
  });

  it('reports every schema violation', () => {
    const result = parseEventFile(
      bytes(JSON.stringify({ ...SAMPLE_EVENT, visit_date: '2024-02-30', extra: 1 }))
    );
    expect(result).toEqual({
      valid: false,
      reasons: [
        'extra: is not an allowed field',
        'visit_date: "2024-02-30" is not a real calendar date (expected YYYY-MM-DD)'
      ]
    });
  });

  it('rejects a JSON value that is not an object', () => {
    expect(parseEventFile(bytes('[1,2]'))).toEqual({
      valid: false,
      reasons: ['(event): [1,2] must be of type object']
    });
  });
});
