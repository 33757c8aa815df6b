import { splitTemplate, unescapeHclString } from './template-string';

describe('splitTemplate', () => {
  it('keeps a plain string as one literal', () => {
    expect(splitTemplate('index.handler')).toEqual([{ literal: 'index.handler' }]);
    expect(splitTemplate('')).toEqual([{ literal: '' }]);
  });

  it('returns a whole-string expression alone', () => {
    expect(splitTemplate('${var.x * 6}')).toEqual([{ expression: 'var.x * 6' }]);
  });

  it('splits literals and expressions in order', () => {
    expect(splitTemplate('arn:${local.p}:s3:::${var.b}/*')).toEqual([
      { literal: 'arn:' },
      { expression: 'local.p' },
      { literal: ':s3:::' },
      { expression: 'var.b' },
      { literal: '/*' }
    ]);
  });

  it('skips braces inside strings and nested objects of an expression', () => {
    expect(splitTemplate('${regex("^[^{]*/", var.t)}')).toEqual([{ expression: 'regex("^[^{]*/", var.t)' }]);
    expect(splitTemplate('${{ for t in var.l : t.a => "${t.b}}" }}')).toEqual([
      { expression: '{ for t in var.l : t.a => "${t.b}}" }' }
    ]);
    expect(splitTemplate('${jsonencode({ a = "x\\"}" })}')).toEqual([
      { expression: 'jsonencode({ a = "x\\"}" })' }
    ]);
  });

  it('reads $${ as a literal ${', () => {
    expect(splitTemplate('a$${b}')).toEqual([{ literal: 'a${b}' }]);
  });

  it('rejects an unclosed expression or string', () => {
    expect(() => splitTemplate('${var.x')).toThrow(/Unclosed/);
    expect(() => splitTemplate('${f("x)}')).toThrow(/Unclosed/);
  });
});

describe('unescapeHclString', () => {
  it('decodes the escapes HCL strings allow', () => {
    expect(unescapeHclString('a\\\\{b\\"c\\n\\t\\r')).toBe('a\\{b"c\n\t\r');
    expect(unescapeHclString('\\u00e9\\U0001F600')).toBe('\u00e9\u{1F600}');
    expect(unescapeHclString('$${x} %%{y}')).toBe('${x} %{y}');
  });

  it('leaves text without escapes unchanged', () => {
    expect(unescapeHclString('^[^{}*?]+/$')).toBe('^[^{}*?]+/$');
  });

  it('rejects an escape HCL does not define', () => {
    expect(() => unescapeHclString('\\q')).toThrow(/Invalid escape/);
  });
});
