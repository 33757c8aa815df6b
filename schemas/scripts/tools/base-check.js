'use strict';
// The evolution check against the snapshots a base branch holds (git), so that re-recording a snapshot
// in a pull request cannot hide a breaking change: every schema is compared with the base's released
// snapshot of its major version, and a snapshot the base holds may only be re-recorded compatibly,
// never deleted. The working tree's own check (what the build runs) is included.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { checkEvolution, compareWithSnapshot, majorOf } = require('./compatibility');
const { loadSchemas, loadSnapshots, schemaNameOf, snapshotFileOf } = require('./schema-files');

/** `git …` in `cwd`; undefined when git fails (unknown ref, missing file, not a repository). */
function git(cwd, args) {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch {
    return undefined;
  }
}

const canonical = (value) => JSON.stringify(value);

/** The base ref to use: the one given, else origin/main when it exists, else main. */
function defaultBase(cwd) {
  return git(cwd, ['rev-parse', '--verify', '--quiet', 'origin/main^{commit}']) ? 'origin/main' : 'main';
}

/** Files (names only) of one folder (from the repository's top) at a commit. */
function filesAt(cwd, commit, folder) {
  // ls-tree lists relative to the current directory: run it at the top.
  const top = git(cwd, ['rev-parse', '--show-toplevel']).trim();
  const out = git(top, ['ls-tree', '--name-only', `${commit}:${folder}`]);
  return out === undefined ? [] : out.split('\n').filter(Boolean);
}

/**
 * @param {{schemasDir: string, base?: string}} options schemasDir: the schemas/ folder of a git working tree
 * @returns {{base: string, notes: string[], problems: string[]}} problems fail the check, one line each
 */
function checkAgainstBase({ schemasDir, base }) {
  const definitionsDir = path.join(schemasDir, 'definitions');
  const snapshotsDir = path.join(schemasDir, 'snapshots');
  const ref = base ?? defaultBase(schemasDir);
  const notes = [];
  const schemas = loadSchemas(definitionsDir);
  // What the build checks: each schema against the working tree's snapshots.
  const problems = schemas.flatMap(({ name, schema }) =>
    checkEvolution(name, schema, loadSnapshots(name, snapshotsDir))
  );

  const commit = git(schemasDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim();
  if (commit === undefined) {
    notes.push(`base ${ref} not found: compared with the working tree's snapshots only`);
    return { base: ref, notes, problems };
  }
  if (commit === git(schemasDir, ['rev-parse', 'HEAD'])?.trim()) {
    notes.push(`base ${ref} is HEAD itself: compared with the working tree's snapshots only`);
    return { base: ref, notes, problems };
  }
  const prefix = git(schemasDir, ['rev-parse', '--show-prefix']).trim(); // "schemas/"
  const show = (file) => JSON.parse(git(schemasDir, ['show', `${commit}:${prefix}${file}`]));
  // A base without this check recorded its snapshots before the table rules existed (visit-event's
  // snapshot lacked its x-parquet annotations): there, only the rules of JSON Schema apply.
  const tableRules =
    git(schemasDir, ['cat-file', '-e', `${commit}:${prefix}scripts/check-against-base.js`]) !== undefined;
  if (!tableRules)
    notes.push(`base ${ref} predates this check: its snapshots are compared by JSON Schema rules only`);

  const baseSnapshots = new Map(); // name → Map(major → schema)
  const unchanged = new Set(); // snapshot files the working tree holds as the base does
  for (const file of filesAt(schemasDir, commit, `${prefix}snapshots`)) {
    const parsed = snapshotFileOf(file);
    if (parsed === undefined) continue;
    const released = show(`snapshots/${file}`);
    if (!baseSnapshots.has(parsed.name)) baseSnapshots.set(parsed.name, new Map());
    baseSnapshots.get(parsed.name).set(parsed.major, released);
    const label = `snapshots/${file} of ${ref}`;
    const current = path.join(snapshotsDir, file);
    if (!fs.existsSync(current)) {
      problems.push(
        `${parsed.name}: snapshots/${file}, released on ${ref}, was deleted (rule: a released snapshot is never ` +
          `deleted); restore it: git checkout ${ref} -- ${prefix}snapshots/${file}`
      );
      continue;
    }
    const recorded = JSON.parse(fs.readFileSync(current, 'utf8'));
    if (canonical(recorded) === canonical(released)) {
      unchanged.add(file);
      continue;
    }
    const breaking = compareWithSnapshot(
      parsed.name,
      { ...recorded, 'x-version': `${parsed.major}.0.0` },
      released,
      {
        tableRules,
        snapshotLabel: label
      }
    );
    if (breaking.length === 0) notes.push(`${parsed.name}: snapshots/${file} re-recorded compatibly`);
    problems.push(
      ...breaking.map((line) => `${line} [snapshots/${file} was re-recorded over it: restore it from ${ref}]`)
    );
  }

  for (const { name, schema } of schemas) {
    const released = baseSnapshots.get(name);
    if (released === undefined) continue;
    const major = majorOf(schema['x-version']);
    const latest = Math.max(...released.keys());
    if (major < latest) {
      problems.push(
        `${name}: version ${schema['x-version']} is older than the major version ${latest} released on ${ref}`
      );
    } else if (released.has(major) && !unchanged.has(`${name}.v${major}.json`)) {
      // (An unchanged snapshot was compared above, by the working tree's check.)
      problems.push(
        ...compareWithSnapshot(name, schema, released.get(major), {
          tableRules,
          snapshotLabel: `snapshots/${name}.v${major}.json of ${ref}`
        })
      );
    }
  }

  const current = new Set(schemas.map((s) => s.name));
  for (const file of filesAt(schemasDir, commit, `${prefix}definitions`)) {
    const name = schemaNameOf(file);
    if (name !== undefined && !current.has(name) && baseSnapshots.has(name)) {
      problems.push(
        `${name}: definitions/${file}, released on ${ref}, was deleted (rule: a released schema is never removed; ` +
          'its tables and producers depend on it)'
      );
    }
  }
  return { base: ref, notes, problems: [...new Set(problems)] };
}

module.exports = { checkAgainstBase, defaultBase };
