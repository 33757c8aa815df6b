#!/usr/bin/env node
'use strict';
// A scheduled export end to end on local stand-ins (S3, SSM, REDCap with a sample project), then a
// summary of the table: `node bin/local-run.js [--records N] [--append]` (src/local-run.ts).
require('../lib/local-run.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
