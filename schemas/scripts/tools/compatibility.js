'use strict';
// Schema evolution check: lists every way a new schema would reject data the old one accepted, every
// change its parquet table cannot take (table-evolution.js), and every keyword the check does not
// model (modelled-keywords.js). Compatible edits (new optional field, widened enum or type, `null`
// added to a type, relaxed bounds) produce no findings.

const { findUnmodelledKeywords } = require('./modelled-keywords');
const { findTableChanges } = require('./table-evolution');
const { tableFromSchema, TableMappingError } = require('./table-mapping');

const typesOf = (s) => (s.type === undefined ? undefined : [].concat(s.type));
const json = (v) => JSON.stringify(v);
const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
// Wording and version (`x-error`, `x-version`, …) do not change what a schema accepts.
const withoutMetadata = (v) => JSON.stringify(v, (key, item) => (key.startsWith('x-') ? undefined : item));

/** The tightest lower (or upper) bound of a number from its inclusive and exclusive keywords. */
function boundOf(schema, inclusive, exclusive, tighter) {
  let bound;
  for (const [keyword, strict] of [
    [inclusive, false],
    [exclusive, true]
  ]) {
    const value = schema[keyword];
    if (typeof value !== 'number') continue;
    if (bound === undefined || tighter(value, bound.value) || (value === bound.value && strict)) {
      bound = { keyword, value, strict };
    }
  }
  return bound;
}

/** True when `next` admits fewer values than `old` (an absent bound admits every value). */
function boundTightened(old, next, tighter) {
  if (next === undefined) return false;
  if (old === undefined) return true;
  return tighter(next.value, old.value) || (next.value === old.value && next.strict && !old.strict);
}

const showBound = (b) => (b === undefined ? 'none' : `${b.keyword} ${b.value}`);

/** Every multiple of `old` is a multiple of `next` (a float ratio within rounding error counts). */
function divides(next, old) {
  const ratio = old / next;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9 && Math.round(ratio) >= 1;
}

/**
 * @param {object} oldSchema the last released snapshot
 * @param {object} newSchema the edited schema
 * @returns {{path: string, what: string, rule: string}[]} one finding per breaking change (empty when compatible)
 */
function breakingChanges(oldSchema, newSchema, path = '') {
  const findings = [];
  const at = (name) => (path ? `${path}.${name}` : name);
  const where = path || '(root)';
  const add = (what, rule, at = where) => findings.push({ path: at, what, rule });

  const oldTypes = typesOf(oldSchema);
  const newTypes = typesOf(newSchema);
  if (newTypes) {
    const lost = (oldTypes ?? ['any']).filter(
      (t) => !newTypes.includes(t) && !(t === 'integer' && newTypes.includes('number'))
    );
    if (lost.length) add(`type narrowed (no longer accepts ${lost.join(', ')})`, 'a type may only widen');
  }

  if (newSchema.enum) {
    const removed = oldSchema.enum
      ? oldSchema.enum.filter((v) => !newSchema.enum.some((w) => json(w) === json(v)))
      : ['any value'];
    if (removed.length) {
      add(
        `enum narrowed (removed ${removed.map((v) => (v === 'any value' ? v : json(v))).join(', ')})`,
        'an enum may only grow'
      );
    }
  }
  if (newSchema.const !== undefined && json(newSchema.const) !== json(oldSchema.const)) {
    add(
      `const added or changed (${json(oldSchema.const ?? null)} → ${json(newSchema.const)})`,
      'no new or changed const'
    );
  }
  if (newSchema.pattern !== undefined && newSchema.pattern !== oldSchema.pattern) {
    add(
      `pattern tightened or changed (${json(oldSchema.pattern ?? null)} → ${json(newSchema.pattern)})`,
      'no new or changed pattern'
    );
  }
  if (newSchema.format !== undefined && newSchema.format !== oldSchema.format) {
    add(
      `format added or changed (${json(oldSchema.format ?? null)} → ${json(newSchema.format)})`,
      'no new or changed format'
    );
  }
  for (const [key, tighter] of [
    ['minLength', (o, n) => n > o],
    ['minItems', (o, n) => n > o],
    ['minProperties', (o, n) => n > o],
    ['maxLength', (o, n) => n < o],
    ['maxItems', (o, n) => n < o],
    ['maxProperties', (o, n) => n < o]
  ]) {
    const n = newSchema[key];
    const o = oldSchema[key];
    if (n !== undefined && (o === undefined || tighter(o, n))) {
      add(`${key} tightened (${json(o ?? null)} → ${n})`, 'bounds may only relax');
    }
  }
  for (const [side, inclusive, exclusive, tighter] of [
    ['lower', 'minimum', 'exclusiveMinimum', (a, b) => a > b],
    ['upper', 'maximum', 'exclusiveMaximum', (a, b) => a < b]
  ]) {
    const old = boundOf(oldSchema, inclusive, exclusive, tighter);
    const next = boundOf(newSchema, inclusive, exclusive, tighter);
    if (boundTightened(old, next, tighter)) {
      add(`${side} bound tightened (${showBound(old)} → ${showBound(next)})`, 'bounds may only relax');
    }
  }
  if (
    newSchema.multipleOf !== undefined &&
    (oldSchema.multipleOf === undefined || !divides(newSchema.multipleOf, oldSchema.multipleOf))
  ) {
    add(
      `multipleOf added or changed (${json(oldSchema.multipleOf ?? null)} → ${newSchema.multipleOf})`,
      'multipleOf may only be removed or become a divisor of the old one'
    );
  }
  if (newSchema.uniqueItems === true && oldSchema.uniqueItems !== true) {
    add('uniqueItems added', 'no new uniqueItems');
  }

  const oldProps = oldSchema.properties ?? {};
  const newProps = newSchema.properties ?? {};
  for (const name of Object.keys(oldProps)) {
    if (!(name in newProps)) {
      // Removing a field breaks readers of the generated types and the table's column.
      add('field removed', 'a field is never removed', at(name));
    } else {
      findings.push(...breakingChanges(oldProps[name], newProps[name], at(name)));
    }
  }
  const oldRequired = oldSchema.required ?? [];
  for (const name of newSchema.required ?? []) {
    if (!oldRequired.includes(name)) add('new required field', 'no new required field', at(name));
  }

  const oldExtra = oldSchema.additionalProperties;
  const newExtra = newSchema.additionalProperties;
  if (newExtra === false && oldExtra !== false) {
    add('unknown fields no longer allowed', 'unknown fields stay allowed');
  } else if (isObject(newExtra) && oldExtra !== false) {
    // A schema for unknown fields: compared with the old one, or with "anything" when they were free.
    findings.push(...breakingChanges(isObject(oldExtra) ? oldExtra : {}, newExtra, at('*')));
  }
  if (isObject(newSchema.items)) {
    findings.push(
      ...breakingChanges(isObject(oldSchema.items) ? oldSchema.items : {}, newSchema.items, `${path}[]`)
    );
  }
  for (const key of ['allOf', 'anyOf', 'oneOf', 'if', 'then', 'else', 'not']) {
    if (withoutMetadata(oldSchema[key]) !== withoutMetadata(newSchema[key])) {
      add(`conditional rule "${key}" changed`, 'conditional rules never change');
    }
  }
  return findings;
}

/** Readable form of one finding: `<path>: <what> (rule: <rule>)`. */
const sentence = (f) => `${f.path}: ${f.what} (rule: ${f.rule})`;

/**
 * @param {object} oldSchema the last released snapshot
 * @param {object} newSchema the edited schema
 * @returns {string[]} one readable sentence per breaking change of what JSON Schema accepts
 */
function findBreakingChanges(oldSchema, newSchema) {
  return breakingChanges(oldSchema, newSchema).map(sentence);
}

/** The table of a schema, or undefined when the mapping refuses it (then it never had a table). */
function tableOrNothing(name, schema) {
  try {
    return tableFromSchema(name, schema);
  } catch (error) {
    if (error instanceof TableMappingError) return undefined;
    throw error;
  }
}

/**
 * Breaking changes of what is accepted, then of the table (a column already named by a finding of the
 * first kind is not named twice).
 * @param {{tableRules?: boolean}} [options] tableRules: false compares JSON Schema only
 * @returns {{path: string, what: string, rule: string}[]}
 */
function allBreakingChanges(name, oldSchema, newSchema, { tableRules = true } = {}) {
  const findings = breakingChanges(oldSchema, newSchema);
  if (!tableRules) return findings;
  const oldTable = tableOrNothing(name, oldSchema);
  const newTable = tableOrNothing(name, newSchema);
  if (oldTable === undefined || newTable === undefined) return findings;
  const named = new Set(findings.map((f) => f.path.split(/[.[]/)[0]));
  return [...findings, ...findTableChanges(oldTable, newTable).filter((f) => !named.has(f.path))];
}

/** Major version of a semver string such as "1.2.0". */
function majorOf(version) {
  const match = /^(\d+)\.\d+\.\d+$/.exec(version ?? '');
  if (!match) throw new Error(`"x-version" must be a semver string like "1.0.0", got ${json(version)}`);
  return Number(match[1]);
}

/** How to ship a breaking change: the tail of every breaking finding's line. */
const howToShip = (name, major) =>
  `make it compatible, or bump x-version to ${major + 1}.0.0: a new major version is a new table ` +
  `(its checkpoints live under a new table path, e.g. .../v${major + 1}/...), record its snapshot with ` +
  `node scripts/snapshot.js ${name}`;

/** The line of one keyword the check does not model. */
const unmodelledLine = (name, { path, keyword }, where = '') =>
  `${name}: ${where}${path}: keyword "${keyword}" is not modelled by the evolution check ` +
  '(rule: modelled keywords only); remove it, or give it a rule in schemas/scripts/tools/compatibility.js ' +
  'and list it in modelled-keywords.js';

/**
 * Everything that refuses `schema` against one released snapshot of its major version.
 * @param {{tableRules?: boolean, snapshotLabel?: string}} [options] snapshotLabel names the snapshot in lines
 * @returns {string[]} one line per finding
 */
function compareWithSnapshot(name, schema, snapshot, options = {}) {
  const major = majorOf(schema['x-version']);
  const label = options.snapshotLabel ?? `snapshots/${name}.v${major}.json`;
  const unmodelled = [
    ...findUnmodelledKeywords(schema).map((k) => unmodelledLine(name, k)),
    ...findUnmodelledKeywords(snapshot).map((k) => unmodelledLine(name, k, `in ${label}: `))
  ];
  // Findings over keywords the check does not model would be guesses: those come first, alone.
  if (unmodelled.length > 0) return unmodelled;
  return allBreakingChanges(name, snapshot, schema, options).map(
    (f) =>
      `${name}: ${sentence(f)} — breaking within major version ${major} (released: ${label}); ` +
      howToShip(name, major)
  );
}

/**
 * Checks one schema against its snapshots.
 * @param {string} name schema name
 * @param {object} schema the current schema
 * @param {Map<number, object>} snapshots recorded snapshots by major version
 * @returns {string[]} problems that must fail the build, one line each
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
      ...findUnmodelledKeywords(schema).map((k) => unmodelledLine(name, k)),
      `${name}: version ${schema['x-version']} has no snapshot; record it with ` +
        `"node scripts/snapshot.js ${name}" (in schemas/) and commit snapshots/${name}.v${major}.json`
    ];
  }
  return compareWithSnapshot(name, schema, snapshot);
}

module.exports = {
  findBreakingChanges,
  allBreakingChanges,
  compareWithSnapshot,
  checkEvolution,
  majorOf,
  howToShip,
  unmodelledLine
};
