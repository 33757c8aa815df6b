'use strict';
// Benchmark of the test project's HCL parsing (HashiCorp's HCL, Go → WebAssembly via @cdktf/hcl2json):
// cold = a fresh Node process loading the parser and parsing every .tf/.tfvars file of the repo;
// warm = parsing them again in that process; evaluate = every root module × environment
// instantiated and its lambdas' environments evaluated. Median of 7 fresh processes.
// Run after a build: node bench/parse-benchmark.js
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const RUNS = 7;

function measureOnce() {
  const t0 = process.hrtime.bigint();
  const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
  const { findTerraformFolders, findRepoRoot, parseHclFile } = require('../lib/index');
  const { loadTerraformRepo } = require('../lib/terraform-repo');
  const { findLambdaDeployments } = require('../lib/lambda-deployment');
  const root = findRepoRoot(__dirname);
  const files = findTerraformFolders(root).flatMap((folder) => [...folder.tfFiles, ...folder.tfvarsFiles]);
  return (async () => {
    await Promise.all(files.map((file) => parseHclFile(file)));
    const cold = ms(t0);
    const t1 = process.hrtime.bigint();
    await Promise.all(files.map((file) => parseHclFile(file)));
    const warm = ms(t1);
    const t2 = process.hrtime.bigint();
    const repo = await loadTerraformRepo(root);
    let lambdas = 0;
    for (const rootModule of repo.rootModules) {
      for (const environment of rootModule.environments) {
        lambdas += (await findLambdaDeployments(repo.instantiate(rootModule, environment))).length;
      }
    }
    return { files: files.length, cold, warm, evaluate: ms(t2), lambdas };
  })();
}

if (process.argv[2] === '--once') {
  measureOnce().then((result) => process.stdout.write(JSON.stringify(result)));
} else {
  const results = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, [__filename, '--once'], {
      encoding: 'utf8',
      cwd: path.dirname(__dirname)
    });
    if (run.status !== 0) throw new Error(run.stderr);
    results.push(JSON.parse(run.stdout));
  }
  const median = (key) => results.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(RUNS / 2)];
  console.log(`files parsed: ${results[0].files}, lambda environments evaluated: ${results[0].lambdas}`);
  console.log(`median of ${RUNS} fresh processes, Node ${process.version}:`);
  console.log(`  cold (load parser + parse all): ${median('cold').toFixed(0)} ms`);
  console.log(`  warm (parse all again):         ${median('warm').toFixed(0)} ms`);
  console.log(`  evaluate all root modules:      ${median('evaluate').toFixed(0)} ms`);
}
