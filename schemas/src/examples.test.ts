import * as fs from 'node:fs';
import * as path from 'node:path';
import { examples, tables, validators } from './index';

const DEFINITIONS = path.join(__dirname, '..', 'definitions');
const names = fs
  .readdirSync(DEFINITIONS)
  .filter((file) => file.endsWith('.schema.json'))
  .map((file) => file.replace(/\.schema\.json$/, ''));

describe("every schema's example (the first of its `examples`)", () => {
  it('is exported, with its validator and table, for every schema file', () => {
    expect(Object.keys(examples).sort()).toEqual(names.sort());
    expect(Object.keys(validators).sort()).toEqual(names.sort());
    expect(Object.keys(tables).sort()).toEqual(names.sort());
  });

  it.each(names)('%s: is the schema file’s first example, and its validator accepts it', (name) => {
    const schema = JSON.parse(fs.readFileSync(path.join(DEFINITIONS, `${name}.schema.json`), 'utf8'));
    const key = name as keyof typeof examples;
    expect(examples[key]).toEqual(schema.examples[0]);
    expect(Object.isFrozen(examples[key])).toBe(true);
    const result = validators[key](examples[key]);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });
});
