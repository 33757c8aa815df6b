import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

import { LOCAL_ANALYTICS_BUCKET, LOCAL_EVENTS_BUCKET } from '../lib/local-run/local-run';

/** The stand-ins a backfill replays through: the events and analytics buckets and the idempotency table. */
export const BACKFILL_STACK_ARGS: readonly string[] = [
  '--bucket',
  LOCAL_EVENTS_BUCKET,
  '--bucket',
  LOCAL_ANALYTICS_BUCKET,
  '--idempotency-table',
  'idempotency'
];

/**
 * The local S3 + DynamoDB in a child process (its CLI), so that a benchmark's own process runs only
 * the lambda code: in one process the stand-ins and the lambda would share a single core.
 * `BENCH_STACK_CPU_PROF_DIR=<dir>` profiles the stand-ins too (`--cpu-prof` is not allowed in NODE_OPTIONS).
 */
export async function startLocalAwsProcess(
  args: readonly string[]
): Promise<{ env: Record<string, string>; cpuSeconds(): number | undefined; stop(): Promise<void> }> {
  const cli = join(dirname(require.resolve('@reporting/local-aws/package.json')), 'bin', 'local-aws.js');
  const profileDir = process.env.BENCH_STACK_CPU_PROF_DIR;
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, cli, ...args], {
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
    cpuSeconds: () => processCpuSeconds(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      })
  };
}

/** User + system CPU seconds a process has used so far (Linux /proc; undefined elsewhere). */
function processCpuSeconds(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks (100/s).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}
