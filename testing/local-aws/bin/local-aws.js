#!/usr/bin/env node
'use strict';
// Starts the local S3 + DynamoDB until Ctrl+C; prints `export` lines for the SDK's standard variables.
const { main } = require('../lib/cli.js');

main(process.argv.slice(2)).then(
  (stack) => {
    if (typeof stack === 'number') process.exit(stack);
    process.stderr.write('local-aws running; Ctrl+C to stop\n');
    const stop = () => stack.stop().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  },
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  }
);
