'use strict';
// Jest reporter: prints a closing `tests: N passed, N failed` line for the project and records
// the counts in <project>/temp/test-summary.json so the repo-wide test command can add them up.
// Heft's own Jest reporter prints no such line.
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this._rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const passed = results.numPassedTests;
    // Suites that fail to load (syntax or import errors) have no test results but are failures.
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const summary = { passed, failed, skipped };
    const out = path.join(this._rootDir, 'temp', 'test-summary.json');
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, JSON.stringify(summary) + '\n');
    process.stdout.write(
      `tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`
    );
  }
}

module.exports = SummaryReporter;
