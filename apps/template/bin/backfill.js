#!/usr/bin/env node
'use strict';
// The backfill runs outside Lambda, where tracing is off: X-Ray's manual mode keeps its SDK from
// installing async hooks when the lambda's modules load (they would cost every promise).
process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
require('../lib/backfill-cli.js')
  .main(process.argv.slice(2))
  .then((code) => process.exit(code));
