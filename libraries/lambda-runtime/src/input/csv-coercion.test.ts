import { coerceCell, columnCoercion, type ColumnCoercion } from './csv-coercion';

const kind = (type: string | string[]): ColumnCoercion => columnCoercion({ type });

describe('columnCoercion', () => {
  it.each([
    ['integer', 'integer', false],
    [['integer', 'null'], 'integer', true],
    ['number', 'number', false],
    [['integer', 'number'], 'number', false],
    ['boolean', 'boolean', false],
    ['object', 'json', false],
    [['array', 'null'], 'json', true],
    ['string', 'string', false],
    [['string', 'integer'], 'string', false],
    ['null', 'string', true]
  ])('type %j is read as %s (nullable: %s)', (type, expected, nullable) => {
    expect(kind(type)).toEqual({ kind: expected, nullable });
  });

  it('reads a property without a type, or no property, as text', () => {
    expect(columnCoercion({})).toEqual({ kind: 'string', nullable: false });
    expect(columnCoercion(undefined)).toEqual({ kind: 'string', nullable: false });
  });
});

describe('coerceCell', () => {
  it.each([
    ['42', 42],
    ['-7', -7],
    ['+3', 3],
    [' 42 ', 42],
    ['007', 7],
    ['-0', 0],
    ['9007199254740991', 9007199254740991]
  ])('integer %j → %j', (cell, value) => {
    expect(coerceCell(cell, kind('integer'))).toEqual({ ok: true, value });
  });

  it.each([
    ['4.2', '"4.2" is not an integer'],
    [' 4x', '" 4x" is not an integer'],
    ['1e3', '"1e3" is not an integer'],
    ['0x10', '"0x10" is not an integer'],
    ['9007199254740993', '"9007199254740993" is beyond the exact integer range (±9007199254740991)']
  ])('integer %j is refused: %s', (cell, reason) => {
    expect(coerceCell(cell, kind('integer'))).toEqual({ ok: false, reason });
  });

  it.each([
    ['4.5', 4.5],
    ['-0.25', -0.25],
    ['.5', 0.5],
    ['5.', 5],
    ['1e-7', 1e-7],
    ['1.5E+300', 1.5e300],
    ['42', 42]
  ])('number %j → %j', (cell, value) => {
    expect(coerceCell(cell, kind('number'))).toEqual({ ok: true, value });
  });

  it.each([
    ['NaN', '"NaN" is not a number'],
    ['Infinity', '"Infinity" is not a number'],
    ['4,5', '"4,5" is not a number'],
    ['1e999', '"1e999" is too large for a number']
  ])('number %j is refused: %s', (cell, reason) => {
    expect(coerceCell(cell, kind('number'))).toEqual({ ok: false, reason });
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    [' True ', true],
    ['1', true],
    ['false', false],
    ['False', false],
    ['0', false]
  ])('boolean %j → %j', (cell, value) => {
    expect(coerceCell(cell, kind('boolean'))).toEqual({ ok: true, value });
  });

  it('refuses other boolean spellings, naming the accepted ones', () => {
    expect(coerceCell('yes', kind('boolean'))).toEqual({
      ok: false,
      reason: '"yes" is not a boolean (expected true, false, 1 or 0)'
    });
  });

  it('parses JSON cells of object and array properties, and explains bad JSON', () => {
    expect(coerceCell('{"a": [1, null]}', kind('object'))).toEqual({ ok: true, value: { a: [1, null] } });
    expect(coerceCell('["x"]', kind(['array', 'null']))).toEqual({ ok: true, value: ['x'] });
    const bad = coerceCell('{a: 1}', kind('object'));
    expect(!bad.ok && bad.reason).toMatch(/^"\{a: 1\}" is not valid JSON: /);
  });

  it('keeps text as written (dates and date-times included): the validator trims and checks it', () => {
    expect(coerceCell(' 2024-01-15 ', kind('string'))).toEqual({ ok: true, value: ' 2024-01-15 ' });
    expect(coerceCell('42', kind('string'))).toEqual({ ok: true, value: '42' });
  });
});
