'use strict';
// Records the released form of a schema: node scripts/snapshot.js <name> [<name> …]
// Writes snapshots/<name>.v<major>.json, the baseline later edits are checked against. It refuses to
// write over an existing snapshot of the same major version when the schema breaks it (the gate would
// otherwise be bypassed by re-recording): a compatible change may be recorded; a breaking one needs a
// new major version, which is a new snapshot file.
const fs = require('node:fs');
const path = require('node:path');
const { compareWithSnapshot, majorOf, unmodelledLine } = require('./tools/compatibility');
const { DEFINITIONS, SNAPSHOTS, loadSchemas, loadSnapshots } = require('./tools/schema-files');
const { findUnmodelledKeywords } = require('./tools/modelled-keywords');

/**
 * Why one schema may not be recorded (empty when it may).
 * @returns {string[]} one line each
 */
function refusalsOf(name, schema, snapshots) {
  const major = majorOf(schema['x-version']);
  const latest = Math.max(0, ...snapshots.keys());
  if (major < latest) {
    return [`${name}: version ${schema['x-version']} is older than the released major version ${latest}`];
  }
  const existing = snapshots.get(major);
  if (existing === undefined) {
    return findUnmodelledKeywords(schema).map((found) => unmodelledLine(name, found));
  }
  return compareWithSnapshot(name, schema, existing);
}

/**
 * Records the named schemas' snapshots, all or none.
 * @param {string[]} names schema names
 * @param {{definitions?: string, snapshots?: string}} [dirs] folders (default: this package's)
 * @returns {{recorded: string[], refused: string[]}} files written, or the lines of every refusal
 */
function recordSnapshots(names, { definitions = DEFINITIONS, snapshots = SNAPSHOTS } = {}) {
  const schemas = loadSchemas(definitions).filter((s) => names.includes(s.name));
  const refused = schemas.flatMap(({ name, schema }) =>
    refusalsOf(name, schema, loadSnapshots(name, snapshots))
  );
  if (refused.length > 0) return { recorded: [], refused };
  fs.mkdirSync(snapshots, { recursive: true });
  const recorded = schemas.map(({ name, schema }) => {
    const file = path.join(snapshots, `${name}.v${majorOf(schema['x-version'])}.json`);
    fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
    return file;
  });
  return { recorded, refused: [] };
}

function main(argv) {
  const names = argv.slice(2);
  const known = loadSchemas().map((s) => s.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    console.error(
      `usage: node scripts/snapshot.js <name>…  (unknown: ${unknown.join(', ') || 'none given'}; ` +
        `known: ${known.join(', ')})`
    );
    return 2;
  }
  const { recorded, refused } = recordSnapshots(names);
  if (refused.length > 0) {
    console.error(
      'Refused: a snapshot is the released form of its major version and is not re-recorded over a ' +
        `breaking change (nothing written):\n  - ${refused.join('\n  - ')}`
    );
    return 1;
  }
  for (const file of recorded) console.log(`recorded ${path.relative(process.cwd(), file)}`);
  return 0;
}

module.exports = { recordSnapshots };

if (require.main === module) process.exitCode = main(process.argv);
