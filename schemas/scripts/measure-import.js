'use strict';
// Measures what importing the generated validators costs a cold process (the Lambda cold-start
// share of validation): median over fresh Node processes of `require('lib/index.js')`.
// Usage (after a build): node scripts/measure-import.js [runs]
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const runs = Number(process.argv[2] ?? 15);
const entry = path.join(__dirname, '..', 'lib', 'index.js');
const probe = `const t=process.hrtime.bigint();require(${JSON.stringify(entry)});console.log(Number(process.hrtime.bigint()-t)/1e6)`;
const times = Array.from({ length: runs }, () =>
  Number(execFileSync(process.execPath, ['-e', probe], { encoding: 'utf8' }))
);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(
  `import of @reporting/schemas validators: median ${median.toFixed(1)} ms over ${runs} fresh processes (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)})`
);
