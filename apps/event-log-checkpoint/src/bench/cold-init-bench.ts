import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { invokeBundleInFreshProcess } from '../bundle/invoke-bundle';
import { LOCAL_EVENTS_BUCKET, LOCAL_PREFIX, startLocalPipeline } from '../local-run/local-run';
import { uploadWithNotification } from '../testing/direct-notification';

/**
 * Cold init of the deployable bundle (dist/bundle/index.mjs from `rush package`): each run is a fresh
 * Node process that imports the bundle and handles one S3 notification against the local stack.
 * Reports the in-process time (import + first invocation, and each part) and the whole process time.
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
    join(__dirname, '..', '..', 'dist', 'bundle', 'index.mjs');
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
    const loadOnly: number[] = [];
    const firstEvent: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < runs; i++) {
      const event = await uploadWithNotification(
        s3,
        LOCAL_EVENTS_BUCKET,
        `${LOCAL_PREFIX}cold-${i}.json`,
        JSON.stringify({ ...VISIT_EVENT_EXAMPLE, ptid: `C${i}` })
      );
      const result = await invokeBundleInFreshProcess(bundle, event, {
        nodeFlags,
        env: {
          ...env,
          LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
        }
      });
      if ((result.response as { statusCode?: number }).statusCode !== 200) {
        throw new Error(`run ${i}: ${JSON.stringify(result.response)}`);
      }
      whole.push(result.processMs);
      cpu.push(result.cpuMs);
      loadOnly.push(result.loadMs);
      firstEvent.push(result.totalMs - result.loadMs);
      inProcess.push(result.totalMs);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
    console.log(
      `cold init of the bundle (${runs} fresh processes): import + first S3 event handled: median ${median(inProcess)} ms (import ${median(loadOnly)} ms, first event ${median(firstEvent)} ms; CPU ${median(cpu)} ms); whole process incl. Node start: median ${median(whole)} ms`
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
