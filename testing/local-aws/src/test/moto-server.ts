import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

// moto's stand-alone server (Python, `pip install "moto[server]"`): an optional second S3
// implementation to run the conformance suite against. Never required: callers skip without it.

/** The command to start; MOTO_SERVER overrides `moto_server` on PATH. */
export const MOTO_SERVER_COMMAND: string = process.env.MOTO_SERVER ?? 'moto_server';

/** Why moto_server cannot run on this machine, or undefined when it can. */
export function motoServerUnavailable(): string | undefined {
  // Running it (not only finding it) also rules out a pyenv shim whose Python lacks moto.
  const probe = spawnSync(MOTO_SERVER_COMMAND, ['--help'], { encoding: 'utf8', timeout: 30_000 });
  if (probe.error) return `${MOTO_SERVER_COMMAND} cannot be run (${probe.error.message})`;
  if (probe.status !== 0) {
    return `${MOTO_SERVER_COMMAND} --help exited with ${probe.status}: ${probe.stderr.trim().split('\n')[0]}`;
  }
  return undefined;
}

export interface MotoServer {
  readonly endpoint: string;
  stop(): Promise<void>;
}

const LISTENING = /Running on (http:\/\/127\.0\.0\.1:\d+)/;

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Starts moto_server on an ephemeral loopback port (`-p 0`) and resolves once it listens. */
export function startMotoServer(timeoutMs: number = 30_000): Promise<MotoServer> {
  const child = spawn(MOTO_SERVER_COMMAND, ['-H', '127.0.0.1', '-p', '0'], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  return new Promise((resolve, reject) => {
    let output = '';
    let listening = false;
    let timer: NodeJS.Timeout | undefined = undefined;
    const fail = (error: Error): void => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    timer = setTimeout(
      () => fail(new Error(`moto_server did not report its port within ${timeoutMs} ms:\n${output}`)),
      timeoutMs
    );
    // Werkzeug prints the bound port, then one line per request: keep draining the pipes so a
    // full pipe never blocks the server, but keep only what comes before it listens.
    const onData = (chunk: Buffer): void => {
      if (listening) return;
      output += chunk.toString();
      const match = LISTENING.exec(output);
      if (!match) return;
      listening = true;
      clearTimeout(timer);
      resolve({ endpoint: match[1], stop: stopper(child) });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', fail);
    child.once('exit', (code) => {
      if (!listening) fail(new Error(`moto_server exited with ${code} before listening:\n${output}`));
    });
  });
}
