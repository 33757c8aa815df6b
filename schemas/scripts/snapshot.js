'use strict';
// Records the released form of a schema: node scripts/snapshot.js <name> [<name> …]
// Writes snapshots/<name>.v<major>.json, the baseline later edits are checked against.
const fs = require('node:fs');
const path = require('node:path');
const { majorOf } = require('./tools/compatibility');
const { SNAPSHOTS, loadSchemas } = require('./tools/schema-files');

const names = process.argv.slice(2);
const schemas = loadSchemas();
const unknown = names.filter((n) => !schemas.some((s) => s.name === n));
if (names.length === 0 || unknown.length > 0) {
  console.error(
    `usage: node scripts/snapshot.js <name>…  (unknown: ${unknown.join(', ') || 'none given'}; ` +
      `known: ${schemas.map((s) => s.name).join(', ')})`
  );
  process.exit(2);
}
fs.mkdirSync(SNAPSHOTS, { recursive: true });
for (const { name, schema } of schemas.filter((s) => names.includes(s.name))) {
  const file = path.join(SNAPSHOTS, `${name}.v${majorOf(schema['x-version'])}.json`);
  fs.writeFileSync(file, JSON.stringify(schema, null, 2) + '\n');
  console.log(`recorded ${path.relative(process.cwd(), file)}`);
}
