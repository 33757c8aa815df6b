import { parseJsonFile } from './json-file';
import { validateGroupFile } from './testing/fixtures';

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8');
const VALID = { group: 'a', values: ['x'] };

describe('parseJsonFile', () => {
  it('returns the validated value, with or without a UTF-8 byte-order mark', () => {
    const json = JSON.stringify(VALID);
    expect(parseJsonFile(bytes(json), validateGroupFile)).toEqual({ valid: true, value: VALID });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes(json)]);
    expect(parseJsonFile(withBom, validateGroupFile)).toEqual({ valid: true, value: VALID });
  });

  it.each([
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 'file is not valid UTF-8 text'],
    ['an empty file', bytes(' \n'), 'file is empty'],
    ['truncated JSON', bytes('{"group": '), 'file is not valid JSON: ']
  ])('rejects %s with a reason', (_name, input, reason) => {
    const result = parseJsonFile(input, validateGroupFile);
    expect(!result.valid && result.reasons[0].startsWith(reason)).toBe(true);
  });

  it("returns the validator's messages as reasons", () => {
    expect(parseJsonFile(bytes('{"values": 3}'), validateGroupFile)).toEqual({
      valid: false,
      reasons: ['group: is required', 'values: must be an array']
    });
  });

  it('turns a stack overflow in the validator into a reason, and rethrows other errors', () => {
    const overflowing = (): never => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    expect(parseJsonFile(bytes('{}'), overflowing)).toEqual({
      valid: false,
      reasons: ['file content is nested too deeply']
    });
    const broken = (): never => {
      throw new TypeError('bug');
    };
    expect(() => parseJsonFile(bytes('{}'), broken)).toThrow('bug');
  });
});

describe('parseJsonFile and unpaired surrogates', () => {
  it('rejects an unpaired surrogate escape in a value or a key, naming where it is', () => {
    const text = '{"group": "al\\ud800pha", "values": ["x", "\\udc00"], "b\\ud83dad": 1}';
    const result = parseJsonFile(bytes(text), validateGroupFile);
    expect(result.valid).toBe(false);
    expect(!result.valid && result.reasons.slice(0, 3)).toEqual([
      'group: text contains an unpaired UTF-16 surrogate (\\ud800), which is not a Unicode character and cannot be stored',
      'values.1: text contains an unpaired UTF-16 surrogate (\\udc00), which is not a Unicode character and cannot be stored',
      'b\ud83dad: the field name contains an unpaired UTF-16 surrogate (\\ud83d), which is not a Unicode character and cannot be stored'
    ]);
  });

  it('accepts paired surrogates (characters outside the BMP), escaped or not', () => {
    const value = { group: 'a😀', values: ['\ud83d\ude00'] };
    const escaped = '{"group": "a\\ud83d\\ude00", "values": ["😀"]}';
    expect(parseJsonFile(bytes(JSON.stringify(value)), validateGroupFile)).toEqual({ valid: true, value });
    expect(parseJsonFile(bytes(escaped), validateGroupFile).valid).toBe(true);
  });
});
