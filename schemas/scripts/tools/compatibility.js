'use strict';
// Schema evolution check: lists every way a new schema would reject data the old one accepted.
// Compatible edits (new optional field, widened enum or type, relaxed bounds) produce no findings.

const typesOf = (s) => (s.type === undefined ? undefined : [].concat(s.type));
const json = (v) => JSON.stringify(v);
// Wording and version (`x-error`, `x-version`) do not change what a schema accepts.
const withoutMetadata = (v) => JSON.stringify(v, (key, item) => (key.startsWith('x-') ? undefined : item));

/**
 * @param {object} oldSchema the last released snapshot
 * @param {object} newSchema the edited schema
 * @returns {string[]} one readable sentence per breaking change (empty when compatible)
 */
function findBreakingChanges(oldSchema, newSchema, path = '') {
  const findings = [];
  const at = (name) => (path ? `${path}.${name}` : name);
  const where = path || '(root)';

  const oldTypes = typesOf(oldSchema);
  const newTypes = typesOf(newSchema);
  if (newTypes) {
    const lost = (oldTypes ?? ['any']).filter(
      (t) => !newTypes.includes(t) && !(t === 'integer' && newTypes.includes('number'))
    );
    if (lost.length) findings.push(`${where}: type narrowed (no longer accepts ${lost.join(', ')})`);
  }

  if (newSchema.enum) {
    const removed = oldSchema.enum
      ? oldSchema.enum.filter((v) => !newSchema.enum.includes(v))
      : ['any value'];
    if (removed.length) findings.push(`${where}: enum narrowed (removed ${removed.map(json).join(', ')})`);
  }
  if (newSchema.const !== undefined && json(newSchema.const) !== json(oldSchema.const)) {
    findings.push(`${where}: const added or changed`);
  }
  if (newSchema.pattern !== undefined && newSchema.pattern !== oldSchema.pattern) {
    findings.push(
      `${where}: pattern tightened or changed (${json(oldSchema.pattern ?? null)} → ${json(newSchema.pattern)})`
    );
  }
  if (newSchema.format !== undefined && newSchema.format !== oldSchema.format) {
    findings.push(
      `${where}: format added or changed (${json(oldSchema.format ?? null)} → ${json(newSchema.format)})`
    );
  }
  for (const [key, tighter] of [
    ['minLength', (o, n) => n > o],
    ['minimum', (o, n) => n > o],
    ['minItems', (o, n) => n > o],
    ['maxLength', (o, n) => n < o],
    ['maximum', (o, n) => n < o],
    ['maxItems', (o, n) => n < o]
  ]) {
    const n = newSchema[key];
    const o = oldSchema[key];
    if (n !== undefined && (o === undefined || tighter(o, n))) {
      findings.push(`${where}: ${key} tightened (${json(o ?? null)} → ${n})`);
    }
  }

  const oldProps = oldSchema.properties ?? {};
  const newProps = newSchema.properties ?? {};
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) {
      // Removing a field breaks readers of the generated types, and rejects it when extra fields are banned.
      findings.push(`${at(name)}: field removed`);
    } else {
      findings.push(...findBreakingChanges(oldProps[name], newProps[name], at(name)));
    }
  }
  if (newSchema.additionalProperties === false && oldSchema.additionalProperties !== false) {
    findings.push(`${where}: unknown fields no longer allowed`);
  }
  const oldRequired = oldSchema.required ?? [];
  for (const name of newSchema.required ?? []) {
    if (!oldRequired.includes(name)) findings.push(`${at(name)}: new required field`);
  }
  if (oldSchema.items && newSchema.items) {
    findings.push(...findBreakingChanges(oldSchema.items, newSchema.items, `${where}[]`));
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not']) {
    if (withoutMetadata(oldSchema[key]) !== withoutMetadata(newSchema[key])) {
      findings.push(`${where}: conditional rule "${key}" changed`);
    }
  }
  return findings;
}

/** Major version of a semver string such as "1.2.0". */
function majorOf(version) {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version ?? '');
  if (!match) throw new Error(`"x-version" must be a semver string like "1.0.0", got ${json(version)}`);
  return Number(match[1]);
}

/**
 * Checks one schema against its snapshots.
 * @param {string} name schema name
 * @param {object} schema the current schema
 * @param {Map<number, object>} snapshots recorded snapshots by major version
 * @returns {string[]} problems that must fail the build
 */
function checkEvolution(name, schema, snapshots) {
  const major = majorOf(schema['x-version']);
  const snapshot = snapshots.get(major);
  const latest = Math.max(0, ...snapshots.keys());
  if (major < latest) {
    return [`${name}: version ${schema['x-version']} is older than the released major version ${latest}`];
  }
  if (!snapshot) {
    return [
      `${name}: version ${schema['x-version']} has no snapshot; record it with ` +
        `"node scripts/snapshot.js ${name}" (in schemas/) and commit snapshots/${name}.v${major}.json`
    ];
  }
  return findBreakingChanges(snapshot, schema).map(
    (finding) =>
      `${name}: breaking change not allowed within major version ${major}: ${finding}. ` +
      `Make the edit compatible, or bump "x-version" to ${major + 1}.0.0 and record a new snapshot.`
  );
}

module.exports = { findBreakingChanges, checkEvolution, majorOf };
