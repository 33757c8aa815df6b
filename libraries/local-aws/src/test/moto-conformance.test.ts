import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { ConformanceRun } from './conformance-suite-runner';
import { MOTO_DIFFERENCES, MOTO_VERSION_CHECKED } from './moto-differences';
import { motoServerUnavailable, type MotoServer, startMotoServer } from './moto-server';

// The S3 conformance suite run a second time, against moto's server, when `moto_server` can run
// here (not a requirement of this repo: skipped, with a printed warning, otherwise). Where moto
// differs from this library's local S3 must be exactly the documented list (moto-differences.ts).
const unavailable = motoServerUnavailable();
if (unavailable) {
  console.warn(`moto-conformance.test: SKIPPED, ${unavailable} (pip install "moto[server]" to run it)`);
}

const RUNNER = path.join(__dirname, 'conformance-suite-runner.js');
const CONFORMANCE_DIR = path.join(__dirname, 'conformance');

function runSuiteAgainst(endpoint: string, output: string): Promise<ConformanceRun> {
  const child = spawn(process.execPath, [RUNNER, output], {
    env: {
      ...process.env,
      CONFORMANCE_S3_ENDPOINT: endpoint,
      CONFORMANCE_S3_ACCESS_KEY_ID: 'moto',
      CONFORMANCE_S3_SECRET_ACCESS_KEY: 'moto',
      CONFORMANCE_S3_REGION: 'us-east-1'
    },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0 && fs.existsSync(output)) {
        resolve(JSON.parse(fs.readFileSync(output, 'utf8')) as ConformanceRun);
      } else reject(new Error(`conformance-suite-runner exited with ${code}:\n${log}`));
    });
  });
}

(unavailable ? describe.skip : describe)('the S3 conformance suite against moto_server', () => {
  let moto: MotoServer | undefined;
  let run: ConformanceRun;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'moto-conformance-'));
    moto = await startMotoServer();
    run = await runSuiteAgainst(moto.endpoint, path.join(dir, 'results.json'));
    const failed = run.tests.filter((test) => test.status === 'failed');
    console.log(
      `conformance suite against moto_server (${moto.endpoint}): ${run.passed} passed, ${run.failed} failed ` +
        `of ${run.total}\n` +
        failed.map((test) => `  ✗ ${test.file}: ${test.name}\n    ${test.failure ?? ''}`).join('\n')
    );
  }, 600_000);

  afterAll(async () => {
    await moto?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs every test file of the suite', () => {
    const files = fs.readdirSync(CONFORMANCE_DIR).filter((file) => file.endsWith('.test.js'));
    expect(run.suitesFailedToRun).toBe(0);
    expect(new Set(run.tests.map((test) => test.file))).toEqual(new Set(files));
    expect(run.total).toBe(run.tests.length);
  });

  it(`fails exactly where moto (checked: ${MOTO_VERSION_CHECKED}) is known to differ`, () => {
    const failed = run.tests
      .filter((test) => test.status === 'failed')
      .map((test) => `${test.file}: ${test.name}`);
    const known = MOTO_DIFFERENCES.map((difference) => `${difference.file}: ${difference.test}`);
    expect(failed.sort()).toEqual(known.sort());
  });
});

describe('moto-differences.md', () => {
  it('lists every known difference', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'moto-differences.md'), 'utf8');
    const missing = MOTO_DIFFERENCES.filter((difference) => !doc.includes(difference.test));
    expect(missing).toEqual([]);
  });
});
