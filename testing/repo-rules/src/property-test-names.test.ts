import { resolve } from 'node:path';
import { checkPropertyTestNames, propertyTestProblems } from './property-test-names';

const REPO = resolve(__dirname, '..', '..', '..');

test('every property test in the repository is named after the rule it checks and runs ≥ 100 cases', () => {
  const problems = checkPropertyTestNames(REPO, [
    'apps',
    'libraries',
    'testing',
    'schemas/src',
    'terraform/src'
  ]);
  expect(problems.map((p) => `${p.file}:${p.line} "${p.name}": ${p.problem}`)).toEqual([]);
});

describe('the convention catches', () => {
  const check = (source: string) => propertyTestProblems('x.test.ts', source).map((p) => p.problem);

  test('a property test without a rule tag', () => {
    expect(
      check("it('works for any input', () => { fc.assert(fc.property(fc.nat(), () => true)); });")
    ).toEqual(['not named "<rule>: <what holds>"']);
  });

  test('a property test with fewer than 100 runs', () => {
    const source =
      "test('round trip: decode(encode(x)) is x', () => { fc.assert(fc.property(fc.nat(), () => true), { numRuns: 20 }); });";
    expect(check(source)).toEqual(['numRuns 20 < 100']);
  });

  test('nothing in a tagged property test with enough runs, nor in example tests', () => {
    const source = [
      "test('round trip: decode(encode(x)) is x', () => { fc.assert(fc.property(fc.nat(), () => true), { numRuns: 1_000 }); });",
      "it('returns 2', () => { expect(1 + 1).toBe(2); });"
    ].join('\n');
    expect(check(source)).toEqual([]);
  });
});
