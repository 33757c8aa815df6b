import { literalTypeMismatch } from './literal-conversion';

describe('literalTypeMismatch (Terraform conversion rules for literals)', () => {
  it.each([
    ['abc', 'string'],
    [12, 'string'],
    [true, 'string'],
    [300, 'number'],
    ['300', 'number'],
    ['-1.5e3', 'number'],
    [false, 'bool'],
    ['true', 'bool'],
    [['a', 1], 'list(string)'],
    [['a'], 'set(string)'],
    [{ a: 'b', c: 2 }, 'map(string)'],
    [{ a: [1] }, 'any'],
    [null, 'number'],
    ['${var.x}', 'number'],
    ['%{if var.x}1%{endif}', 'bool'],
    [['${var.x}'], 'list(number)']
  ])('accepts %j as %s', (value, type) => {
    expect(literalTypeMismatch(value, type)).toBeUndefined();
  });

  it.each([
    [['a'], 'string', '["a"] is not a string'],
    [{ a: 'b' }, 'string', '{"a":"b"} is not a string'],
    ['six', 'number', '"six" is not a number'],
    [true, 'number', 'true is not a number'],
    ['300s', 'number', '"300s" is not a number'],
    ['yes', 'bool', '"yes" is not a bool'],
    [1, 'bool', '1 is not a bool'],
    ['a', 'list(string)', '"a" is not a list'],
    [{ a: 'b' }, 'set(string)', '{"a":"b"} is not a set'],
    [[1, 'x'], 'list(number)', '"x" is not a number'],
    [['a'], 'map(string)', '["a"] is not a map'],
    [{ a: ['b'] }, 'map(string)', '["b"] is not a string']
  ])('rejects %j as %s', (value, type, message) => {
    expect(literalTypeMismatch(value, type)).toBe(message);
  });

  it('refuses a type it does not know', () => {
    expect(() => literalTypeMismatch('a', 'tuple([string])')).toThrow(/Unknown Terraform type/);
  });
});
