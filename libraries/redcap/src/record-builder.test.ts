import { recordBuilder } from './record-builder';

describe('recordBuilder', () => {
  it('builds a record keyed by the names, in their order, from values in the same order', () => {
    const build = recordBuilder(['record_id', 'age', 'seen', 'ok', 'note']);
    const record = build(['7', 42, '2024-01-02T03:04:05Z', true, null]);
    expect(record).toStrictEqual({
      record_id: '7',
      age: 42,
      seen: '2024-01-02T03:04:05Z',
      ok: true,
      note: null
    });
    expect(Object.keys(record)).toEqual(['record_id', 'age', 'seen', 'ok', 'note']);
  });

  it('returns a new record each time (the values array can be reused)', () => {
    const build = recordBuilder(['a']);
    const values = [1];
    const first = build(values);
    values[0] = 2;
    expect([first, build(values)]).toEqual([{ a: 1 }, { a: 2 }]);
  });

  it('takes any name as a plain key, code-like ones included', () => {
    const names = ['"}; throw 1; //', 'a\nb', '\u2028', 'constructor', '', '0'];
    const record = recordBuilder(names)(names.map((_, i) => i));
    expect(Object.entries(record)).toEqual(expect.arrayContaining(names.map((name, i) => [name, i])));
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
  });

  it('refuses __proto__, which a literal key would turn into the prototype', () => {
    expect(() => recordBuilder(['a', '__proto__'])).toThrow(/__proto__/);
  });
});
