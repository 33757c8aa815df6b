import { LineIndex } from './line-index';

const index = (text: string): LineIndex => new LineIndex(Buffer.from(text, 'utf8'));

describe('LineIndex', () => {
  it('numbers lines ended by LF, CRLF and a lone CR alike', () => {
    const lines = index('a\nb\r\nc\rd');
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((offset) => lines.lineAt(offset))).toEqual([1, 1, 2, 2, 2, 3, 3, 4]);
  });

  it('counts bytes, not characters', () => {
    const lines = index('é\nx');
    expect(lines.lineAt(3)).toBe(2); // "é" is two bytes
  });

  it('skips line breaks (blank lines) to the next content', () => {
    const lines = index('a\n\r\n\nb');
    expect(lines.skipLineBreaks(1)).toBe(5);
    expect(lines.lineAt(lines.skipLineBreaks(1))).toBe(4);
    expect(lines.skipLineBreaks(5)).toBe(5);
    expect(lines.skipLineBreaks(6)).toBe(6);
  });
});
