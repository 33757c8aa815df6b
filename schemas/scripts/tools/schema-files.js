'use strict';
// Where schemas and their snapshots live, and how they are read.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const DEFINITIONS = path.join(ROOT, 'definitions');
const SNAPSHOTS = path.join(ROOT, 'snapshots');

const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** `<name>.schema.json` → name, or undefined for any other file. */
const schemaNameOf = (file) => /^(.+)\.schema\.json$/.exec(file)?.[1];
/** `<name>.v<major>.json` → { name, major }, or undefined for any other file. */
function snapshotFileOf(file) {
  const match = /^(.+)\.v(\d+)\.json$/.exec(file);
  return match ? { name: match[1], major: Number(match[2]) } : undefined;
}

/**
 * @param {string} [dir] the definitions folder (default: this package's)
 * @returns {{name: string, schema: object}[]} every schema in it, sorted by name
 */
function loadSchemas(dir = DEFINITIONS) {
  return fs
    .readdirSync(dir)
    .filter((f) => schemaNameOf(f) !== undefined)
    .sort()
    .map((f) => ({ name: schemaNameOf(f), schema: readJson(path.join(dir, f)) }));
}

/**
 * @param {string} name schema name
 * @param {string} [dir] the snapshots folder (default: this package's)
 * @returns {Map<number, object>} the snapshots of one schema by major version
 */
function loadSnapshots(name, dir = SNAPSHOTS) {
  const snapshots = new Map();
  if (!fs.existsSync(dir)) return snapshots;
  for (const file of fs.readdirSync(dir)) {
    const parsed = snapshotFileOf(file);
    if (parsed?.name === name) snapshots.set(parsed.major, readJson(path.join(dir, file)));
  }
  return snapshots;
}

module.exports = { ROOT, DEFINITIONS, SNAPSHOTS, loadSchemas, loadSnapshots, schemaNameOf, snapshotFileOf };
