import { rmSync } from 'node:fs';
import { checkDependencies, type Violation } from './check-dependencies';
import { plantRepo } from './testing/planted-repo';

/** Every rule fires on its planted mistake, and on nothing else (testing/planted-repo.ts). */
describe('the dependency rules catch each planted mistake', () => {
  let root: string;
  let violations: Violation[];

  beforeAll(() => {
    root = plantRepo();
    violations = checkDependencies(root, ['apps', 'libraries', 'testing']);
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const fired = (rule: string): string[] =>
    violations.filter((v) => v.rule === rule).map((v) => `${v.from} → ${v.to}`);

  test('a deep import into another package', () => {
    expect(fired('no-deep-import')).toEqual(['apps/one/src/deep.ts → libraries/runtime/lib/internal.d.ts']);
  });

  test('a deep path that package exports refuse', () => {
    expect(fired('no-unresolvable-package')).toEqual([
      'apps/one/src/refused.ts → @reporting/runtime/lib/internal'
    ]);
  });

  test('an import cycle', () => {
    expect(fired('no-circular')).toEqual(['libraries/store/src/a.ts → libraries/store/src/b.ts']);
  });

  test('shipped library code that imports test infrastructure', () => {
    expect(fired('shipped-code-stays-shipped')).toEqual([
      'libraries/runtime/src/uses-kit.ts → testing/kit/lib/index.d.ts'
    ]);
  });

  test('a library (even its test) that imports an app', () => {
    expect(fired('libraries-never-import-apps')).toEqual([
      'libraries/runtime/src/uses-app.test.ts → apps/one/lib/index.d.ts'
    ]);
  });

  test('an app that imports another app', () => {
    expect(fired('apps-are-independent')).toEqual(['apps/one/src/other-app.ts → apps/two/lib/index.d.ts']);
  });

  test('nothing else', () => {
    expect(violations).toHaveLength(6);
  });
});
