#!/usr/bin/env node
'use strict';
require('../lib/backfill-cli.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
