import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageLambda, unpackZip } from '@reporting/node-rig/profiles/default/scripts/package-lambda';
import {
  decodeStackTrace,
  readSourceMaps,
  stackTracesIn
} from '@reporting/node-rig/profiles/default/scripts/decode-stack-trace';

const PROJECT_FOLDER = join(__dirname, '..', '..');
const REPO_ROOT = join(PROJECT_FOLDER, '..', '..');

/** The stack of the error the unpacked bundle's handler throws for an SQS batch under an invalid configuration. */
function minifiedStack(handlerFile: string): Promise<string> {
  const probe = `import(${JSON.stringify(handlerFile)})
    .then((m) => m.handler({ Records: [{ eventSource: 'aws:sqs', messageId: 'm1', body: '{}' }] }, {}))
    .then(() => console.log('no error'), (error) => console.log(JSON.stringify({ level: 'ERROR', error: { stack: error.stack } })));`;
  return new Promise((resolve, reject) => {
    // SOURCE_BUCKET too short: the configuration is refused inside the bundle's code.
    const child = spawn(process.execPath, ['-e', probe], {
      env: {
        PATH: process.env.PATH,
        SOURCE_BUCKET: 'a',
        CHECKPOINT_BUCKET: 'bucket',
        IDEMPOTENCY_TABLE: 'table'
      }
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(stdout.trim().split('\n').at(-1) ?? ''));
  });
}

describe('source maps ship beside the zip, not in it, and decode a logged stack trace', () => {
  let workFolder: string;
  let packaged: Awaited<ReturnType<typeof packageLambda>>;

  beforeAll(async () => {
    workFolder = mkdtempSync(join(tmpdir(), 'source-maps-'));
    packaged = await packageLambda(PROJECT_FOLDER, { outFolder: join(workFolder, 'dist') });
  });

  afterAll(() => rmSync(workFolder, { recursive: true, force: true }));

  it('the zip holds no map; <app>.sourcemaps.zip holds one per code file', () => {
    unpackZip(packaged.zipPath, join(workFolder, 'deployed'));
    unpackZip(packaged.sourceMapsPath, join(workFolder, 'maps'));
    const deployed = readdirSync(join(workFolder, 'deployed'));
    const maps = readdirSync(join(workFolder, 'maps'));
    expect(deployed.filter((file) => file.endsWith('.map'))).toEqual([]);
    expect(maps.sort()).toEqual(deployed.map((file) => `${file}.map`).sort());
  });

  it('a stack trace logged by the deployed code decodes to the TypeScript source that threw', async () => {
    const task = join(workFolder, 'task');
    unpackZip(packaged.zipPath, task);
    const logLine = await minifiedStack(join(task, 'index.mjs'));
    const [stack] = stackTracesIn(logLine);
    expect(stack).toMatch(/^ConfigurationError: Invalid configuration: SOURCE_BUCKET/);
    expect(stack).toMatch(/index\.mjs:\d+:\d+/);

    const decoded = await decodeStackTrace(stack, readSourceMaps(packaged.sourceMapsPath));
    expect(decoded).not.toMatch(/index\.mjs:\d+:\d+/);
    // The first frame is the line of the runtime's configuration loader that throws the error.
    const [, source, line] = /\n\s+at .*?(libraries\/[^\s:]+\.ts):(\d+):\d+/.exec(decoded) ?? [];
    expect(source).toBe('libraries/lambda-runtime/src/config.ts');
    const thrownAt = readFileSync(join(REPO_ROOT, source), 'utf8').split('\n')[Number(line) - 1];
    expect(thrownAt).toContain('ConfigurationError');
  });
});
