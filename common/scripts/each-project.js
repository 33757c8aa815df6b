'use strict';
// `rush lint [--fix]` and `rush typecheck`: ESLint, or the TypeScript compiler with types only (no
// output), on every project's sources — the rig's tools, each project's own configuration. The build
// runs both too; these answer faster and `--fix` rewrites what ESLint can.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
// Rush installs this with the command's autoinstaller (common/autoinstallers/rush-scripts).
const jsonc = require('../autoinstallers/rush-scripts/node_modules/jsonc-parser');

const root = path.resolve(__dirname, '../..');
const tools = path.join(root, 'rigs', 'node-rig', 'node_modules');
const [command, ...options] = process.argv.slice(2);
const COMMANDS = {
  lint: [path.join(tools, 'eslint', 'bin', 'eslint.js'), ...(options.includes('--fix') ? ['--fix'] : []), 'src'],
  typecheck: [path.join(tools, 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']
};
if (!COMMANDS[command]) {
  console.error(`usage: node common/scripts/each-project.js lint [--fix] | typecheck`);
  process.exit(2);
}

const rush = jsonc.parse(fs.readFileSync(path.join(root, 'rush.json'), 'utf8'), [], { allowTrailingComma: true });
const failed = [];
let checked = 0;
for (const { packageName, projectFolder } of rush.projects) {
  const folder = path.join(root, projectFolder);
  if (!fs.existsSync(path.join(folder, 'tsconfig.json')) || !fs.existsSync(path.join(folder, 'src'))) continue;
  checked++;
  const run = spawnSync(process.execPath, COMMANDS[command], { cwd: folder, stdio: 'inherit' });
  if (run.status !== 0) failed.push(packageName);
}
console.log(
  `${command}: ${checked} projects, ${failed.length === 0 ? 'no problems' : `problems in ${failed.join(', ')}`}`
);
process.exit(failed.length === 0 ? 0 : 1);
