'use strict';
// What the table mapping adds to the build: node bench/table-mapping-benchmark.js [runs]
// (1) the mapping of every schema in definitions/, cold (first call in a fresh process) and warm;
// (2) the whole generate task (evolution check, types, validators, schemas, tables) in fresh processes.
// Figures go to docs/benchmarks.md ("Schemas").
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const runs = Number(process.argv[2] ?? 7);
const root = path.resolve(__dirname, '..');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const MAPPING = `
const { tableFromSchema } = require('./scripts/tools/table-mapping');
const { loadSchemas } = require('./scripts/tools/schema-files');
const schemas = loadSchemas();
const time = () => {
  const start = process.hrtime.bigint();
  for (const { name, schema } of schemas) tableFromSchema(name, schema);
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const cold = time();
const warm = Array.from({ length: 200 }, time).sort((a, b) => a - b)[100];
console.log(JSON.stringify({ schemas: schemas.length, cold, warm }));
`;
const GENERATE = `
const start = process.hrtime.bigint();
require('./scripts/generate').generate().then(() => console.log(Number(process.hrtime.bigint() - start) / 1e6));
`;

const mapping = [];
const generate = [];
for (let i = 0; i < runs; i++) {
  mapping.push(JSON.parse(execFileSync(process.execPath, ['-e', MAPPING], { cwd: root, encoding: 'utf8' })));
  generate.push(Number(execFileSync(process.execPath, ['-e', GENERATE], { cwd: root, encoding: 'utf8' })));
}
console.log(`schemas: ${mapping[0].schemas}, runs: ${runs}, Node ${process.version}`);
console.log(
  `table mapping of every schema, cold (fresh process): median ${median(mapping.map((m) => m.cold)).toFixed(2)} ms`
);
console.log(
  `table mapping of every schema, warm: median ${median(mapping.map((m) => m.warm)).toFixed(3)} ms`
);
console.log(
  `generate task (all outputs): median ${median(generate).toFixed(0)} ms (min ${Math.min(...generate).toFixed(0)}, max ${Math.max(...generate).toFixed(0)})`
);
