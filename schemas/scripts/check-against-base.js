'use strict';
// The evolution check against the snapshots a base branch holds, for pull requests (CI):
//   node schemas/scripts/check-against-base.js [--base <git-ref>] [--schemas <schemas folder>]
// Default base: origin/main when it exists, else main. Fails (exit 1), one line per problem, when a
// schema breaks the base's released snapshot of its major version, when a snapshot the base holds was
// re-recorded over a breaking change or deleted, and on everything the build's own check refuses.
// A missing base, or a base that is HEAD itself, leaves the working tree's check, and says so.
const path = require('node:path');
const { checkAgainstBase } = require('./tools/base-check');

function option(argv, name) {
  const index = argv.indexOf(name);
  if (index === -1) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name} needs a value`);
  return value;
}

function main(argv) {
  const base = option(argv, '--base');
  const schemasDir = path.resolve(option(argv, '--schemas') ?? path.join(__dirname, '..'));
  const result = checkAgainstBase({ schemasDir, base });
  for (const note of result.notes) console.log(note);
  if (result.problems.length > 0) {
    console.error(
      `Schema evolution check against ${result.base} failed:\n  - ${result.problems.join('\n  - ')}`
    );
    return 1;
  }
  console.log(`Schema evolution check against ${result.base}: no breaking change`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
