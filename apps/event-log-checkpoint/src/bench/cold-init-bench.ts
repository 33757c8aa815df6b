import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { encodeS3EventKey } from '@reporting/local-aws';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { LOCAL_EVENTS_BUCKET, LOCAL_PREFIX, startLocalPipeline } from '../local-run/local-run';

/** What the Lambda runtime sets and the Tracer looks at (it is off outside Lambda). */
const LAMBDA_ENVIRONMENT = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2999'
};

/**
 * Cold init of the deployable bundle (dist/bundle/index.js from `rush package`): each run is a fresh
 * Node process that requires the bundle and handles one S3 notification against the local stack.
 * Reports the in-process time (require + first invocation, and each part) and the whole process time.
 * The child sees the variables Lambda sets, so the Powertools Tracer is on and every AWS call is traced
 * as in production (segments go to an X-Ray daemon address nobody listens on).
 * Usage: node lib/bench/cold-init-bench.js [runs=11] [--cpu-prof=DIR] [--bundle=PATH]
 * --cpu-prof=DIR writes one V8 CPU profile per fresh process to DIR (open in Chrome DevTools), to see
 * what the time goes to; the figures of such a run include the profiler's overhead.
 * --bundle=PATH measures another bundle (e.g. a copy of an earlier dist/bundle, to compare).
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.find((a) => !a.startsWith('--')) ?? 11);
  const profileDir = args.find((a) => a.startsWith('--cpu-prof='))?.slice('--cpu-prof='.length);
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const bundle =
    args.find((a) => a.startsWith('--bundle='))?.slice('--bundle='.length) ??
    join(__dirname, '..', '..', 'dist', 'bundle', 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} not found: run "rush package" first`);
  const { stack, env } = await startLocalPipeline();
  try {
    stack.s3.putBucketNotificationConfiguration(
      LOCAL_EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    const s3 = stack.s3Client();
    const inProcess: number[] = [];
    const cpu: number[] = [];
    const requireOnly: number[] = [];
    const firstEvent: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < runs; i++) {
      const key = `${LOCAL_PREFIX}cold-${i}.json`;
      await s3.send(
        new PutObjectCommand({
          Bucket: LOCAL_EVENTS_BUCKET,
          Key: key,
          Body: JSON.stringify({ ...VISIT_EVENT_EXAMPLE, ptid: `C${i}` })
        })
      );
      const eTag = (
        await s3.send(new HeadObjectCommand({ Bucket: LOCAL_EVENTS_BUCKET, Key: key }))
      ).ETag!.replace(/"/g, '');
      const event = {
        Records: [
          {
            eventVersion: '2.1',
            eventSource: 'aws:s3',
            eventName: 'ObjectCreated:Put',
            s3: { bucket: { name: LOCAL_EVENTS_BUCKET }, object: { key: encodeS3EventKey(key), eTag } }
          }
        ]
      };
      // Prints "<require ms> <require + first event ms> <CPU ms of both>" (CPU time, all threads: less
      // sensitive than wall time to other processes on a loaded machine).
      const probe = `const c=process.cpuUsage();const t=process.hrtime.bigint();const {handler}=require(${JSON.stringify(bundle)});const r0=Number(process.hrtime.bigint()-t)/1e6;
handler(${JSON.stringify(event)},{awsRequestId:'r${i}',functionName:'cold',getRemainingTimeInMillis:()=>30000})
.then(r=>{if(r.statusCode!==200)throw new Error(JSON.stringify(r));const u=process.cpuUsage(c);process.stdout.write(r0+' '+Number(process.hrtime.bigint()-t)/1e6+' '+(u.user+u.system)/1e3);process.exit(0)},e=>{console.error(e);process.exit(1)})`;
      const t0 = performance.now();
      // Asynchronous: the local stack runs in this process and must keep serving the child.
      const { stdout: out } = await promisify(execFile)(process.execPath, [...nodeFlags, '-e', probe], {
        encoding: 'utf8',
        env: {
          ...process.env,
          ...env,
          ...LAMBDA_ENVIRONMENT,
          LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
        }
      });
      whole.push(performance.now() - t0);
      const [requireMs, totalMs, cpuMs] = out.trim().split(' ').map(Number);
      cpu.push(cpuMs);
      requireOnly.push(requireMs);
      firstEvent.push(totalMs - requireMs);
      inProcess.push(totalMs);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
    console.log(
      `cold init of the bundle (${runs} fresh processes): require + first S3 event handled: median ${median(inProcess)} ms (require ${median(requireOnly)} ms, first event ${median(firstEvent)} ms; CPU ${median(cpu)} ms); whole process incl. Node start: median ${median(whole)} ms`
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
