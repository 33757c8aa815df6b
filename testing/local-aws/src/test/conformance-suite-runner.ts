import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

// Runs the S3 conformance suite (lib/test/conformance) in a Jest of its own, against whatever the
// CONFORMANCE_S3_* variables point at (see conformance-target.ts), and writes what happened as JSON.
// Used as a child process (`node conformance-suite-runner.js <output.json>`) so the suite's module
// state and environment stay apart from the Jest run that starts it.

export interface ConformanceTestResult {
  readonly file: string;
  readonly name: string;
  readonly status: string;
  /** First lines of the failure message (failed tests only). */
  readonly failure?: string;
}

export interface ConformanceRun {
  readonly total: number;
  readonly passed: number;
  readonly failed: number;
  /** Test files that could not run at all (syntax error, failing beforeAll outside a test, …). */
  readonly suitesFailedToRun: number;
  readonly tests: readonly ConformanceTestResult[];
}

interface JestAssertion {
  fullName: string;
  status: string;
  failureMessages: string[];
}
interface JestFileResult {
  testFilePath: string;
  testExecError?: unknown;
  testResults: JestAssertion[];
}
interface JestCore {
  runCLI(
    argv: Record<string, unknown>,
    projects: string[]
  ): Promise<{
    results: {
      numTotalTests: number;
      numPassedTests: number;
      numFailedTests: number;
      numRuntimeErrorTestSuites: number;
      testResults: JestFileResult[];
    };
  }>;
}

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** The Jest the rig runs (through @rushstack/heft-jest-plugin): no Jest dependency of our own. */
function rigResolve(request: string, throughJestPlugin: boolean): string {
  const rig = path.dirname(require.resolve('@reporting/node-rig/package.json', { paths: [PROJECT_ROOT] }));
  if (!throughJestPlugin) return require.resolve(request, { paths: [rig] });
  const plugin = path.dirname(require.resolve('@rushstack/heft-jest-plugin/package.json', { paths: [rig] }));
  return require.resolve(request, { paths: [plugin] });
}

function firstLines(messages: readonly string[]): string {
  return messages.join('\n').split('\n').slice(0, 12).join('\n');
}

export async function runConformanceSuite(): Promise<ConformanceRun> {
  const { runCLI } = createRequire(__filename)(rigResolve('@jest/core', true)) as JestCore;
  const { results } = await runCLI(
    {
      _: [],
      $0: 'conformance-suite-runner',
      rootDir: PROJECT_ROOT,
      roots: ['<rootDir>/lib/test/conformance'],
      testMatch: ['**/*.test.js'],
      testEnvironment: rigResolve('jest-environment-node', false),
      testTimeout: 60_000,
      runInBand: true,
      silent: true,
      ci: true,
      watchman: false,
      cache: false
    },
    [PROJECT_ROOT]
  );
  const tests = results.testResults.flatMap((file) =>
    file.testResults.map((test) => ({
      file: path.basename(file.testFilePath),
      name: test.fullName,
      status: test.status,
      ...(test.status === 'failed' ? { failure: firstLines(test.failureMessages) } : {})
    }))
  );
  return {
    total: results.numTotalTests,
    passed: results.numPassedTests,
    failed: results.numFailedTests,
    suitesFailedToRun: results.numRuntimeErrorTestSuites,
    tests
  };
}

if (require.main === module) {
  const output = process.argv[2];
  if (!output) {
    console.error('usage: node conformance-suite-runner.js <output.json>');
    process.exit(2);
  }
  runConformanceSuite().then(
    (run) => fs.writeFileSync(output, JSON.stringify(run, null, 2)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    }
  );
}
