'use strict';
// README's main command: installs (rush install), builds, then runs the main local job.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
// The local pipeline: local S3 + DynamoDB, S3 → queue → lambda wiring, sample uploads, checkpoint report.
const MAIN_JOB = path.join(root, 'apps', 'event-log-checkpoint', 'bin', 'local-run.js');

const run = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status;
const rush = path.join(__dirname, 'install-run-rush.js');
let status = run([rush, 'install']);
if (status === 0) status = run([rush, 'build']);
if (status === 0) status = run([MAIN_JOB, ...process.argv.slice(2)]);
process.exit(status ?? 1);
