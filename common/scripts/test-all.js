'use strict';
// README's test command: installs (rush install), builds and tests every project (rush test), then
// prints one closing line for the whole repo: `tests: N passed, N failed`.
// Each project's Jest run records its counts in <project>/temp/test-summary.json (rig reporter).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const rush = (args) =>
  spawnSync(process.execPath, [path.join(__dirname, 'install-run-rush.js'), ...args], {
    cwd: root,
    stdio: 'inherit'
  }).status;

/**
 * Every project's folder, as Rush reads rush.json (JSONC: comments and trailing commas allowed):
 * `rush list --json`, whose JSON follows install-run-rush's banner on stdout.
 */
function projectFolders() {
  const list = spawnSync(process.execPath, [path.join(__dirname, 'install-run-rush.js'), 'list', '--json'], {
    cwd: root,
    encoding: 'utf8'
  });
  const start = list.stdout.indexOf('{');
  if (list.status !== 0 || start < 0) throw new Error(`rush list failed: ${list.stderr || list.stdout}`);
  return JSON.parse(list.stdout.slice(start)).projects.map((p) => p.fullPath);
}

// The deployable bundles are also tested on the Node.js that Lambda runs (see lambda-node.js); without
// it those tests are skipped, visibly.
try {
  process.env.LAMBDA_NODE_BINARY = require('./lambda-node').lambdaNode();
} catch (error) {
  console.warn(`warning: bundles will not be tested on Lambda's Node.js: ${error.message}`);
}

let status = rush(['install']);
const summaries = status === 0 ? projectFolders().map((folder) => path.join(folder, 'temp', 'test-summary.json')) : [];
for (const file of summaries) fs.rmSync(file, { force: true });
if (status === 0) status = rush(['test', '--verbose', ...process.argv.slice(2)]);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const file of summaries.filter((f) => fs.existsSync(f))) {
  const counts = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const key of Object.keys(total)) total[key] += counts[key] ?? 0;
}
// A failed install or build is a failure even when no test got to run.
if (status !== 0 && total.failed === 0) total.failed = 1;
console.log(
  `\ntests: ${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`
);
process.exit(status === 0 && total.failed === 0 ? 0 : 1);
