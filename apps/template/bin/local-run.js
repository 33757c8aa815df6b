#!/usr/bin/env node
'use strict';
// The lambda on a local S3 + DynamoDB + queue with files made from its schema's example:
// `node bin/local-run.js [--files N] [--serve] [--dir FOLDER]` (src/local-run.ts).
require('../lib/local-run.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
