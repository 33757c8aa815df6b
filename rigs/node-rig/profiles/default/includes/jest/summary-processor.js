'use strict';
// Jest testResultsProcessor (runs after every reporter, so coverage is known):
// - prints a closing `tests: N passed, N failed` line for the project (Heft's reporter prints none);
// - enforces the global line-coverage threshold, which Heft would otherwise only warn about, by
//   counting an unmet threshold as a failed suite (Heft fails the task on failed suites);
// - records the counts in <project>/temp/test-summary.json for the repo-wide test command.
const fs = require('node:fs');
const path = require('node:path');

module.exports = function summarize(results) {
  const rootDir = results.testResults[0]?.testFilePath
    ? findProjectRoot(results.testResults[0].testFilePath)
    : process.cwd();
  const passed = results.numPassedTests;
  // Suites that fail to load (syntax or import errors) have no test results but are failures.
  let failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  const skipped = results.numPendingTests + results.numTodoTests;

  const threshold = readLineThreshold();
  const lines = results.coverageMap?.getCoverageSummary().lines.pct;
  if (threshold !== undefined && lines !== undefined && lines < threshold) {
    process.stdout.write(`coverage: lines ${lines}% is below the required ${threshold}%\n`);
    results.numFailedTestSuites += 1;
    results.success = false;
    failed += 1;
  }

  const out = path.join(rootDir, 'temp', 'test-summary.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ passed, failed, skipped, lines }) + '\n');
  process.stdout.write(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`);
  return results;
};

/** The line threshold of the rig's jest.config.json (the processor gets no config of its own). */
function readLineThreshold() {
  const config = fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'jest.config.json'), 'utf8');
  const match = /"coverageThreshold"\s*:\s*\{\s*"global"\s*:\s*\{\s*"lines"\s*:\s*(\d+)/.exec(config);
  return match ? Number(match[1]) : undefined;
}

function findProjectRoot(file) {
  let dir = path.dirname(file);
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}
