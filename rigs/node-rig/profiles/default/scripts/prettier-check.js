'use strict';
// Heft run-script task: fails the build when a source file is not Prettier-formatted.
// Uses the repo's .prettierrc.json (found by Prettier walking up from each file).
const path = require('node:path');
const fs = require('node:fs');
const prettier = require('prettier');

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : listFiles(full);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) ? [full] : [];
  });
}

module.exports.runAsync = async ({ heftConfiguration, heftTaskSession }) => {
  const root = heftConfiguration.buildFolderPath;
  const files = ['src', 'scripts', 'bench'].flatMap((folder) => listFiles(path.join(root, folder)));
  const unformatted = [];
  for (const file of files) {
    const options = (await prettier.resolveConfig(file)) ?? {};
    const source = fs.readFileSync(file, 'utf8');
    if (!(await prettier.check(source, { ...options, filepath: file }))) {
      unformatted.push(path.relative(root, file));
    }
  }
  if (unformatted.length > 0) {
    heftTaskSession.logger.emitError(
      new Error(`Not Prettier-formatted (run "rush prettier"): ${unformatted.join(', ')}`)
    );
  }
};
