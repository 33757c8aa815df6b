import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PutObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { encodeS3EventKey } from '@reporting/local-aws';
import { VISIT_EVENT_EXAMPLE } from '@reporting/schemas';
import { LOCAL_EVENTS_BUCKET, LOCAL_PREFIX, startLocalPipeline } from '../local-run/local-run';

/**
 * Cold init of the deployable bundle (dist/bundle/index.js from `rush package`): each run is a fresh
 * Node process that requires the bundle and handles one S3 notification against the local stack.
 * Reports the in-process time (require + first invocation) and the whole process time.
 * Usage: node lib/bench/cold-init-bench.js [runs=11]
 */
async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 11);
  const bundle = join(__dirname, '..', '..', 'dist', 'bundle', 'index.js');
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
      const probe = `const t=process.hrtime.bigint();const {handler}=require(${JSON.stringify(bundle)});
handler(${JSON.stringify(event)},{awsRequestId:'r${i}',functionName:'cold',getRemainingTimeInMillis:()=>30000})
.then(r=>{if(r.statusCode!==200)throw new Error(JSON.stringify(r));process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));process.exit(0)},e=>{console.error(e);process.exit(1)})`;
      const t0 = performance.now();
      // Asynchronous: the local stack runs in this process and must keep serving the child.
      const { stdout: out } = await promisify(execFile)(process.execPath, ['-e', probe], {
        encoding: 'utf8',
        env: {
          ...process.env,
          ...env,
          LOG_LEVEL: 'SILENT',
          POWERTOOLS_METRICS_DISABLED: 'true',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true'
        }
      });
      whole.push(performance.now() - t0);
      inProcess.push(Number(out));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)].toFixed(0);
    console.log(
      `cold init of the bundle (${runs} fresh processes): require + first S3 event handled: median ${median(inProcess)} ms; whole process incl. Node start: median ${median(whole)} ms`
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
