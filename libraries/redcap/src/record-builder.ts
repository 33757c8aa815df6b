import type { RedcapValue } from './value-converters';

/** One exported record: every table column, in table order, with its JSON-shaped value or null. */
export type RedcapRecord = Record<string, RedcapValue>;

export type RecordBuilder = (values: readonly RedcapValue[]) => RedcapRecord;

/**
 * A function that turns the values of one row (in column order) into a record keyed by the column
 * names. Compiled once per table into a single object literal (`{"a": v[0], "b": v[1], …}`), as Ajv
 * compiles validators: V8 builds such a literal from one boilerplate, where adding 200 keys one by one
 * (or copying a template) costs ten times more and dominated parsing (docs/decisions/0074). Names
 * enter the code only as JSON string literals, which cannot break out of the key position;
 * `__proto__` is refused because as a literal key it would set the prototype instead.
 */
export function recordBuilder(names: readonly string[]): RecordBuilder {
  if (names.includes('__proto__')) throw new RangeError('a column cannot be named __proto__');
  const properties = names.map((name, i) => `${JSON.stringify(name)}: values[${i}]`).join(', ');
  // eslint-disable-next-line no-new-func -- see above: names enter only as JSON string literals
  return new Function('values', `return { ${properties} };`) as RecordBuilder;
}
