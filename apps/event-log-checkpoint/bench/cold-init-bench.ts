import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleEntry } from '@reporting/node-rig/profiles/default/scripts/package-lambda';
import { invokeBundleInFreshProcess, uploadWithNotification } from '@reporting/local-aws';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { LOCAL_EVENTS_BUCKET, LOCAL_PREFIX, startLocalPipeline } from '../lib/local-run/local-run';
import { eventFileName } from '@reporting/test-kit';

/** One bundle on one Node.js binary, and what its fresh processes measured. */
interface Variant {
  bundle: string;
  node?: string;
  /** NODE_OPTIONS of the fresh processes (e.g. --enable-source-maps), as set in the lambda's environment. */
  nodeOptions?: string;
  total: number[];
  load: number[];
  firstEvent: number[];
  cpu: number[];
  process: number[];
}

const median = (xs: number[]): string => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);

/**
 * Cold init of the deployable bundle (dist/bundle/index.mjs from `rush package`): each run is a fresh
 * Node process that loads the bundle as Lambda's runtime does and handles one S3 notification against
 * the local stack. Reports the in-process time (load + first invocation, and each part) and the whole
 * process time. The child sees the variables Lambda sets, so the Powertools Tracer is on and every AWS
 * call is traced as in production (segments go to an X-Ray daemon address nobody listens on); it logs
 * at INFO and publishes its metrics, as deployed.
 * Usage: node lib-bench/cold-init-bench.js [runs=11] [--bundle=PATH]... [--node=PATH]... [--floors]
 *   [--cpu-prof=DIR] [--node-options=OPTIONS]...
 * --bundle=PATH measures another bundle (e.g. a copy of an earlier dist/bundle), --node=PATH runs the
 * processes on another Node.js binary (Lambda runs Node 22). Given several times, every bundle runs on
 * every binary, interleaved process by process, so that a change in the machine's load hits all alike.
 * --cpu-prof=DIR writes one V8 CPU profile per fresh process to DIR (open in Chrome DevTools), to see
 * what the time goes to; the figures of such a run include the profiler's overhead.
 * --node-options=OPTIONS runs every bundle and binary a second time with NODE_OPTIONS=OPTIONS (e.g.
 * --enable-source-maps), interleaved with the runs without it.
 * --floors adds three bundles (bench/floors/, bundled like the lambda) that make the first event's
 * AWS calls and nothing else: on the bare SDK clients, through Powertools without the Tracer, and with
 * it — what the SDK and Powertools cost, apart from what the lambda adds.
 */
async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args.find((a) => !a.startsWith('--')) ?? 11);
  const values = (flag: string) =>
    args.filter((a) => a.startsWith(`--${flag}=`)).map((a) => a.slice(flag.length + 3));
  const profileDir = values('cpu-prof')[0];
  const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const bundles = values('bundle');
  if (bundles.length === 0) bundles.push(join(__dirname, '..', 'dist', 'bundle', 'index.mjs'));
  const nodes: (string | undefined)[] = values('node');
  if (nodes.length === 0) nodes.push(undefined);
  for (const bundle of bundles) {
    if (!existsSync(bundle)) throw new Error(`${bundle} not found: run "rush package" first`);
  }
  const floorsFolder = args.includes('--floors')
    ? mkdtempSync(join(tmpdir(), 'cold-init-floors-'))
    : undefined;
  if (floorsFolder) bundles.push(...(await bundleFloors(floorsFolder)));
  const nodeOptions: (string | undefined)[] = [undefined, ...values('node-options')];
  const variants: Variant[] = bundles.flatMap((bundle) =>
    nodes.flatMap((node) =>
      nodeOptions.map((options) => ({
        bundle,
        node,
        nodeOptions: options,
        total: [],
        load: [],
        firstEvent: [],
        cpu: [],
        process: []
      }))
    )
  );
  const pipeline = await startLocalPipeline();
  const { stack } = pipeline;
  const env = pipeline.exports();
  try {
    stack.s3.putBucketNotificationConfiguration(
      LOCAL_EVENTS_BUCKET,
      { queueConfigurations: [] },
      { sendTestEvent: false }
    );
    const s3 = pipeline.client;
    for (let i = 0; i < runs; i++) {
      for (const [v, variant] of variants.entries()) {
        // A file as producers name it (a name off the pattern would add a log line of its own).
        const record = { ...VISIT_EVENT_EXAMPLE, ptid: `C${i}x${v}` };
        const event = await uploadWithNotification(
          s3,
          LOCAL_EVENTS_BUCKET,
          `${LOCAL_PREFIX}${eventFileName(record)}`,
          JSON.stringify(record)
        );
        const result = await invokeBundleInFreshProcess(variant.bundle, event, {
          nodeFlags,
          ...(variant.node ? { node: variant.node } : {}),
          env: {
            ...env,
            // As deployed (Terraform: log_level INFO, metrics on): the first log lines and EMF metrics
            // are part of a cold start (≈ 15 ms of it, measured against LOG_LEVEL=SILENT without metrics).
            LOG_LEVEL: 'INFO',
            POWERTOOLS_METRICS_DISABLED: undefined,
            NODE_OPTIONS: variant.nodeOptions,
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
          }
        });
        if ((result.response as { statusCode?: number }).statusCode !== 200) {
          throw new Error(`run ${i} of ${variant.bundle}: ${JSON.stringify(result.response)}`);
        }
        variant.total.push(result.totalMs);
        variant.load.push(result.loadMs);
        variant.firstEvent.push(result.totalMs - result.loadMs);
        variant.cpu.push(result.cpuMs);
        variant.process.push(result.processMs);
      }
    }
    for (const variant of variants) {
      const on = `${variant.node ? ` on ${variant.node}` : ''}${variant.nodeOptions ? ` with NODE_OPTIONS=${variant.nodeOptions}` : ''}`;
      const floor =
        floorsFolder && variant.bundle.startsWith(floorsFolder)
          ? variant.bundle.split(/[\\/]/).at(-2)
          : undefined;
      const what = variants.length > 1 ? ` ${floor ? `floor ${floor}` : variant.bundle}${on}` : '';
      console.log(
        `cold init of the bundle${what} (${runs} fresh processes): load + first S3 event handled: median ${median(variant.total)} ms (load ${median(variant.load)} ms, first event ${median(variant.firstEvent)} ms; CPU ${median(variant.cpu)} ms); whole process incl. Node start: median ${median(variant.process)} ms`
      );
    }
  } finally {
    await pipeline.stop();
    if (floorsFolder) rmSync(floorsFolder, { recursive: true, force: true });
  }
}

/** Bundles the floor entries (bench/floors/) into `folder`; returns their index.mjs files. */
async function bundleFloors(folder: string): Promise<string[]> {
  const projectFolder = join(__dirname, '..');
  const floors = ['sdk-only', 'powertools-without-tracer', 'powertools-with-tracer'];
  return Promise.all(
    floors.map(async (floor) => {
      const outDir = join(folder, floor);
      await bundleEntry(join(projectFolder, 'bench', 'floors', `${floor}.ts`), outDir, projectFolder);
      return join(outDir, 'index.mjs');
    })
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
