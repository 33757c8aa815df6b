'use strict';
// `rush prettier`: formats every TypeScript/JavaScript source file of the repo with the repo's
// Prettier settings. The build's prettier check (in the rig) fails on anything this would change.
const path = require('node:path');
const fs = require('node:fs');
const prettier = require(require.resolve('prettier', { paths: [path.join(__dirname, '../../rigs/node-rig')] }));

const root = path.resolve(__dirname, '../..');
const SKIP = new Set(['node_modules', 'common', 'lib', 'lib-bench', 'dist', 'temp', 'generated', '.git', '.terraform']);

function listFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : listFiles(full);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) ? [full] : [];
  });
}

(async () => {
  let changed = 0;
  let failed = 0;
  for (const file of listFiles(root)) {
    const options = (await prettier.resolveConfig(file)) ?? {};
    const source = fs.readFileSync(file, 'utf8');
    try {
      const formatted = await prettier.format(source, { ...options, filepath: file });
      if (formatted !== source) {
        fs.writeFileSync(file, formatted);
        console.log(`formatted ${path.relative(root, file)}`);
        changed++;
      }
    } catch (error) {
      console.error(`cannot format ${path.relative(root, file)}: ${error.message.split('\n')[0]}`);
      failed++;
    }
  }
  console.log(`${changed} file(s) formatted${failed ? `, ${failed} could not be parsed` : ''}`);
  if (failed) process.exitCode = 1;
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
