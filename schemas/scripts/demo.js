'use strict';
// A quick look at validation: node scripts/demo.js [file.json …] (after a build).
// Without arguments it validates a few built-in examples.
const fs = require('node:fs');
const { VISIT_EVENT_EXAMPLE, validateVisitEvent } = require('../lib/index.js');

const example = { ...VISIT_EVENT_EXAMPLE };
const inputs = process.argv.slice(2).length
  ? process.argv.slice(2).map((file) => [file, JSON.parse(fs.readFileSync(file, 'utf8'))])
  : [
      ['valid example', example],
      ['impossible date, missing module', { ...example, visit_date: '2024-02-30', module: undefined }],
      ['unknown field, bad ptid', { ...example, ptid: '110 003', colour: 'red' }]
    ];
for (const [name, input] of inputs) {
  const result = validateVisitEvent(JSON.parse(JSON.stringify(input)));
  console.log(`${name}: ${result.valid ? 'valid' : 'INVALID'}`);
  if (!result.valid) for (const error of result.errors) console.log(`  - ${error}`);
}
