import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** A property test that breaks the naming convention. */
export interface NamingProblem {
  file: string;
  line: number;
  name: string;
  problem: string;
}

/**
 * The convention: a property test (a Jest `it`/`test` whose body calls `fc.assert`) is named
 * `<rule>: <what holds>` — the rule it checks, in lowercase words, before a colon; its file (or
 * `describe`) names the feature. It runs at least 100 cases (fast-check's default, or `numRuns` ≥ 100).
 */
export const RULE_TAG = /^[a-z][a-z0-9 /'-]{2,48}: \S/;
export const MIN_RUNS = 100;

const SKIPPED = new Set(['node_modules', 'lib', 'lib-bench', 'temp', 'dist', 'generated']);

function testFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Whether a test body calls `fc.assert`, and the `numRuns` literals it passes (code only, not text). */
function propertyCalls(body: ts.Node): { asserts: boolean; runs: number[] } {
  let asserts = false;
  const runs: number[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.getText() === 'fc.assert'
    )
      asserts = true;
    if (
      ts.isPropertyAssignment(node) &&
      node.name.getText() === 'numRuns' &&
      ts.isNumericLiteral(node.initializer)
    )
      runs.push(Number(node.initializer.text));
    ts.forEachChild(node, visit);
  };
  visit(body);
  return { asserts, runs };
}

/** The naming problems of one test file's source. */
export function propertyTestProblems(file: string, source: string): NamingProblem[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const problems: NamingProblem[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      (node.expression.text === 'it' || node.expression.text === 'test') &&
      node.arguments.length >= 2 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      const { asserts, runs } = propertyCalls(node.arguments[1]);
      if (asserts) {
        const name = node.arguments[0].text;
        const line = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line + 1;
        if (!RULE_TAG.test(name))
          problems.push({ file, line, name, problem: 'not named "<rule>: <what holds>"' });
        for (const count of runs.filter((n) => n < MIN_RUNS))
          problems.push({ file, line, name, problem: `numRuns ${count} < ${MIN_RUNS}` });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return problems;
}

/** Every naming problem of the property tests under `folders` of `root` (paths relative to root). */
export function checkPropertyTestNames(root: string, folders: readonly string[]): NamingProblem[] {
  return folders.flatMap((folder) =>
    testFiles(join(root, folder)).flatMap((file) =>
      propertyTestProblems(relative(root, file), readFileSync(file, 'utf8'))
    )
  );
}
