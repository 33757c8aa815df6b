'use strict';
// Where schemas and their snapshots live, and how they are read.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFINITIONS = path.join(ROOT, 'definitions');
const SNAPSHOTS = path.join(ROOT, 'snapshots');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** @returns {{name: string, schema: object}[]} every schema in definitions/, sorted by name */
function loadSchemas() {
  return fs
    .readdirSync(DEFINITIONS)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => ({ name: f.replace(/\.schema\.json$/, ''), schema: readJson(path.join(DEFINITIONS, f)) }));
}

/** @returns {Map<number, object>} the snapshots of one schema by major version */
function loadSnapshots(name) {
  const snapshots = new Map();
  if (!fs.existsSync(SNAPSHOTS)) return snapshots;
  for (const file of fs.readdirSync(SNAPSHOTS)) {
    const match = new RegExp(`^${name}\\.v(\\d+)\\.json$`).exec(file);
    if (match) snapshots.set(Number(match[1]), readJson(path.join(SNAPSHOTS, file)));
  }
  return snapshots;
}

module.exports = { ROOT, DEFINITIONS, SNAPSHOTS, loadSchemas, loadSnapshots };
