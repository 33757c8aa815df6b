'use strict';
// The repository's dependency rules, checked by dependency-cruiser in `rush test` (src/*.test.ts) and by
// `node testing/repo-rules/bin/repo-rules.js`. Paths are relative to the repository root.

// A project's folder: apps/<name>, libraries/<name>, testing/<name>, rigs/<name>, schemas, terraform.
const PROJECT = '^((?:apps|libraries|testing|rigs)/[^/]+|schemas|terraform)/';
// What another project may be entered through: its public index, the subpath exports its package.json
// declares, and a rig's shared files (profiles/). Imports resolve through package.json `exports` with the
// `source` condition first (src/, so the check needs no build), else `types`/`default` (lib/).
const PUBLIC = [
  '^(apps|libraries|testing)/[^/]+/(lib/index\\.(js|d\\.ts)|src/index\\.ts)$',
  '^(schemas|terraform)/(lib/index\\.(js|d\\.ts)|src/index\\.ts)$',
  '^libraries/lambda-runtime/(lib/s3-client\\.(js|d\\.ts)|src/s3-client\\.ts)$',
  '^rigs/[^/]+/profiles/',
  '/package\\.json$'
];
const TEST_CODE = '(\\.test\\.ts$|/testing/|/bench/)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'One concern per file, data one way: a cycle of imports means two files are one concern.',
      severity: 'error',
      from: {},
      to: { circular: true }
    },
    {
      name: 'no-deep-import',
      comment:
        'Another package is entered through its public index (package.json exports), never through its lib/ or src/.',
      severity: 'error',
      from: { path: PROJECT },
      to: { path: PROJECT, pathNot: ['^$1/', ...PUBLIC] }
    },
    {
      name: 'no-unresolvable-package',
      comment: 'An import of a workspace package that does not resolve: a path its exports do not declare.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, path: '^@reporting/' }
    },
    {
      name: 'shipped-code-stays-shipped',
      comment: 'libraries/ ship in lambda bundles: their code never imports an app or test infrastructure.',
      severity: 'error',
      from: { path: '^libraries/', pathNot: TEST_CODE },
      to: { path: '^(apps|testing)/' }
    },
    {
      name: 'libraries-never-import-apps',
      comment: 'Data flows one way: app → runtime → store. Not even a library test reaches into an app.',
      severity: 'error',
      from: { path: '^libraries/' },
      to: { path: '^apps/' }
    },
    {
      name: 'apps-are-independent',
      comment: 'A lambda never imports another lambda; what they share lives in libraries/.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' }
    }
  ],
  options: {
    // Edges into node_modules and build output are recorded (a deep import lands in lib/) but not followed.
    doNotFollow: { path: '(^|/)(node_modules|lib)/' },
    exclude: { path: '(^|/)(dist|temp)/|/src/generated/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'types', 'require', 'node', 'default'],
      mainFields: ['types', 'main'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json']
    }
  }
};
