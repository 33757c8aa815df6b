'use strict';
// Build step of the rig itself: make sure the files other projects reference exist and load.
require('../profiles/default/includes/jest/summary-processor.js');
require('../profiles/default/scripts/prettier-check.js');
require('../profiles/default/scripts/compile-bench.js');
require('../profiles/default/scripts/write-terraform-table.js');
require('../profiles/default/includes/jest/esm-transform.js');
console.log('node-rig: configuration files present');
