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

// rush.json allows comments; strip them before parsing.
const rushJson = JSON.parse(
  fs.readFileSync(path.join(root, 'rush.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')
);
const summaries = rushJson.projects.map((p) => path.join(root, p.projectFolder, 'temp', 'test-summary.json'));
for (const file of summaries) fs.rmSync(file, { force: true });

// The deployable bundles are also tested on the Node.js that Lambda runs (see lambda-node.js); without
// it those tests are skipped, visibly.
try {
  process.env.LAMBDA_NODE_BINARY = require('./lambda-node').lambdaNode();
} catch (error) {
  console.warn(`warning: bundles will not be tested on Lambda's Node.js: ${error.message}`);
}

let status = rush(['install']);
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
