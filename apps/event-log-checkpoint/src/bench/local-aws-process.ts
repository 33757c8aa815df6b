import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * The local S3 + DynamoDB in a child process (its CLI), so that a benchmark's own process runs only
 * the lambda code: in one process the stand-ins and the lambda would share a single core.
 */
export async function startLocalAwsProcess(
  args: string[]
): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  const cli = require.resolve('@reporting/local-aws/bin/local-aws.js');
  const child: ChildProcess = spawn(process.execPath, [cli, ...args], {
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const env: Record<string, string> = {};
  const lines = createInterface({ input: child.stdout! });
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`local-aws exited with ${code}`)));
    lines.on('line', (line) => {
      const match = /^export ([A-Z0-9_]+)=(.*)$/.exec(line);
      if (match) env[match[1]] = match[2];
      if (env.AWS_ENDPOINT_URL_S3 && env.AWS_ENDPOINT_URL_DYNAMODB && env.AWS_REGION) resolve();
    });
  });
  return {
    env,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })
  };
}
