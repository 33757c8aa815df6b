#!/usr/bin/env node
'use strict';
// Checks the whole repository's imports against the rules (src/rules.ts); exit 1 on a violation.
require('../lib/cli')
  .main()
  .then((code) => process.exit(code));
