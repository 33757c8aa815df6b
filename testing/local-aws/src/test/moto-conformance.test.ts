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

  const id = (test: { file: string; name?: string; test?: string }): string =>
    `${test.file}: ${test.name ?? test.test}`;

  it(`fails where moto (checked: ${MOTO_VERSION_CHECKED}) is known to differ, and nowhere else`, () => {
    const known = new Set(MOTO_DIFFERENCES.map(id));
    const unexpected = run.tests
      .filter((test) => test.status === 'failed' && !known.has(id(test)))
      .map((test) => `${id(test)}\n${test.failure ?? ''}`);
    expect(unexpected).toEqual([]);
  });

  it('fails every deterministic known difference', () => {
    const failed = new Set(run.tests.filter((test) => test.status === 'failed').map(id));
    const missing = MOTO_DIFFERENCES.filter((difference) => !difference.racy && !failed.has(id(difference)));
    // A difference that no longer fails means moto changed: update moto-differences.ts and .md.
    expect(missing.map(id)).toEqual([]);
  });
});

describe('moto-differences.md', () => {
  it('lists every known difference', () => {
    const doc = fs.readFileSync(path.resolve(__dirname, '..', '..', 'moto-differences.md'), 'utf8');
    const missing = MOTO_DIFFERENCES.filter((difference) => !doc.includes(difference.test));
    expect(missing).toEqual([]);
  });
});
