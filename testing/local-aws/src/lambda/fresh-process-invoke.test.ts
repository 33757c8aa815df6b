import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invokeBundleInFreshProcess, LAMBDA_ENVIRONMENT, nodesToTestBundlesOn } from './fresh-process-invoke';

describe('invokeBundleInFreshProcess', () => {
  let folder: string;
  beforeAll(() => {
    folder = mkdtempSync(join(tmpdir(), 'fresh-process-invoke-'));
    // Answers with what it saw; logs on both streams, as a handler does.
    const body = `async (event, context) => {
      console.log('log line');
      console.error('error line');
      return { event, requestId: context.awsRequestId, remaining: context.getRemainingTimeInMillis(),
        env: process.env.AWS_EXECUTION_ENV, extra: process.env.EXTRA, unset: process.env.UNSET ?? null
      };
    }`;
    writeFileSync(join(folder, 'index.mjs'), `export const handler = ${body};`);
    writeFileSync(join(folder, 'index.js'), `exports.handler = ${body};`);
    writeFileSync(
      join(folder, 'broken.mjs'),
      `export const handler = async () => { throw new Error('boom'); };`
    );
  });
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it.each([
    ['an ES module', 'index.mjs'],
    ['a CommonJS module', 'index.js']
  ])('loads %s with Lambda variables and reports apart from the logs', async (_what, file) => {
    process.env.UNSET = 'from the parent';
    try {
      const result = await invokeBundleInFreshProcess(
        join(folder, file),
        { Records: [1] },
        {
          env: { EXTRA: 'given', UNSET: undefined }
        }
      );
      expect(result.response).toEqual({
        event: { Records: [1] },
        requestId: 'cold-init',
        remaining: 30000,
        env: LAMBDA_ENVIRONMENT.AWS_EXECUTION_ENV,
        extra: 'given',
        unset: null
      });
      expect(result.stdout).toBe('log line\n');
      expect(result.stderr).toBe('error line\n');
      expect(result.loadMs).toBeGreaterThan(0);
      expect(result.totalMs).toBeGreaterThanOrEqual(result.loadMs);
      expect(result.processMs).toBeGreaterThan(result.totalMs);
      expect(result.cpuMs).toBeGreaterThan(0);
    } finally {
      delete process.env.UNSET;
    }
  });

  it('fails with the child error when the handler throws', async () => {
    await expect(invokeBundleInFreshProcess(join(folder, 'broken.mjs'), {})).rejects.toThrow(
      /broken\.mjs failed \(exit code 1\): Error: boom/
    );
  });
});

describe('nodesToTestBundlesOn', () => {
  const saved = process.env.LAMBDA_NODE_BINARY;
  afterEach(() => {
    if (saved === undefined) delete process.env.LAMBDA_NODE_BINARY;
    else process.env.LAMBDA_NODE_BINARY = saved;
  });

  it("is this process's Node.js, and Lambda's when LAMBDA_NODE_BINARY names it", () => {
    delete process.env.LAMBDA_NODE_BINARY;
    expect(nodesToTestBundlesOn()).toEqual([
      { name: `this Node.js (${process.version})`, node: process.execPath, index: 0 }
    ]);
    process.env.LAMBDA_NODE_BINARY = '/opt/node22/bin/node';
    expect(nodesToTestBundlesOn().map(({ node, index }) => [node, index])).toEqual([
      [process.execPath, 0],
      ['/opt/node22/bin/node', 1]
    ]);
  });
});
