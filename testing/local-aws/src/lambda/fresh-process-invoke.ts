import { spawn } from 'node:child_process';
import { pathToFileURL } from 'node:url';

/** What the Lambda runtime sets and the Powertools Tracer looks at (the Tracer is off outside Lambda). */
export const LAMBDA_ENVIRONMENT = {
  AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
  LAMBDA_TASK_ROOT: '/var/task',
  _X_AMZN_TRACE_ID: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  // Segments go to an address nobody listens on, as sending them costs what it costs in Lambda.
  AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2999',
  // Powertools reports a cold start (`cold_start` in logs) only for this initialization type.
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand'
};

/**
 * The Node.js binaries a bundle test runs on: this process's, and Lambda's (Node 22) when the variable
 * LAMBDA_NODE_BINARY names it (README's test command sets it from common/scripts/lambda-node.js).
 */
export function nodesToTestBundlesOn(): { name: string; node: string; index: number }[] {
  const nodes = [{ name: `this Node.js (${process.version})`, node: process.execPath }];
  const lambdaNode = process.env.LAMBDA_NODE_BINARY;
  if (lambdaNode) nodes.push({ name: "Lambda's Node.js", node: lambdaNode });
  return nodes.map((entry, index) => ({ ...entry, index }));
}

export interface BundleInvocation {
  /** What the handler answered. */
  response: unknown;
  /** From the start of the child's code to the bundle loaded. */
  loadMs: number;
  /** Load plus the handler's answer to the event: the cold init a first invocation sees. */
  totalMs: number;
  /** CPU time of both, all threads (less sensitive than wall time to other processes). */
  cpuMs: number;
  /** The whole child process, Node's own start included. */
  processMs: number;
  stdout: string;
  stderr: string;
}

/**
 * Loads a packaged bundle (index.mjs of `rush package`) in a fresh Node process the way Lambda's
 * runtime loads a handler, with Lambda's variables, and invokes its handler with one event.
 * Asynchronous, so that a local stack running in this process keeps serving the child. `node` runs the
 * child on another Node.js binary (Lambda's runtime is Node 22).
 */
export async function invokeBundleInFreshProcess(
  bundle: string,
  event: unknown,
  options: { env?: NodeJS.ProcessEnv; nodeFlags?: readonly string[]; node?: string } = {}
): Promise<BundleInvocation> {
  // As Lambda's runtime does: import() for an ES module handler, require() for a CommonJS one.
  const load = bundle.endsWith('.mjs')
    ? `import(${JSON.stringify(pathToFileURL(bundle).href)})`
    : `Promise.resolve(require(${JSON.stringify(bundle)}))`;
  // The child reports on file descriptor 3, so the function's own logs on stdout/stderr stay apart.
  const probe = `const started=process.hrtime.bigint(),cpu=process.cpuUsage(),ms=()=>Number(process.hrtime.bigint()-started)/1e6;
${load}.then(async({handler})=>{const loadMs=ms();
const response=await handler(${JSON.stringify(event)},{awsRequestId:'cold-init',functionName:'bundle',functionVersion:'$LATEST',memoryLimitInMB:'1024',invokedFunctionArn:'arn:aws:lambda:us-east-1:123456789012:function:bundle',getRemainingTimeInMillis:()=>30000});
const u=process.cpuUsage(cpu);require('node:fs').writeSync(3,JSON.stringify({response,loadMs,totalMs:ms(),cpuMs:(u.user+u.system)/1e3}));process.exit(0)})
.catch((error)=>{console.error(error);process.exit(1)})`;
  const startedAt = performance.now();
  const child = spawn(options.node ?? process.execPath, [...(options.nodeFlags ?? []), '-e', probe], {
    env: { ...process.env, ...LAMBDA_ENVIRONMENT, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe']
  });
  const collect = (stream: NodeJS.ReadableStream | null): Promise<string> =>
    new Promise((resolve, reject) => {
      let text = '';
      stream?.setEncoding('utf8');
      stream?.on('data', (chunk: string) => (text += chunk));
      stream?.on('end', () => resolve(text));
      stream?.on('error', reject);
    });
  const [stdout, stderr, report, code] = await Promise.all([
    collect(child.stdout),
    collect(child.stderr),
    collect(child.stdio[3] as NodeJS.ReadableStream),
    new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    })
  ]);
  const processMs = performance.now() - startedAt;
  if (code !== 0 || report === '') {
    throw new Error(`bundle ${bundle} failed (exit code ${code}): ${stderr.trim() || stdout.trim()}`);
  }
  const { response, loadMs, totalMs, cpuMs } = JSON.parse(report) as Omit<
    BundleInvocation,
    'processMs' | 'stdout' | 'stderr'
  >;
  return { response, loadMs, totalMs, cpuMs, processMs, stdout, stderr };
}
