import { Worker } from 'node:worker_threads';
import type { ObjectChange } from '@reporting/lambda-runtime';
import { emptyTally, type BackfillTally } from './backfill';

/**
 * Where a worker thread finds the lambda's backfill command: a module (absolute path) and the name of
 * the export that holds the BackfillCommand. Functions cannot be sent to a thread; a module path can.
 */
export interface BackfillWorkerModule {
  path: string;
  exportName: string;
}

/**
 * Young generation of each worker thread: a round allocates many short-lived SDK request objects, and
 * a larger nursery means fewer scavenges. Part of the measured configuration (docs/benchmarks.md), not
 * measured on its own.
 */
export const YOUNG_GENERATION_MB = 64;

/** Sent to a worker: one round of changes. */
export interface RoundRequest {
  changes: ObjectChange[];
}

/** Sent back by a worker: the round's tally, or why the round could not run at all. */
export type RoundReply = { tally: BackfillTally } | { error: string };

/**
 * Worker threads that each build their own runtime (own clients, own idempotency layer, own group
 * commit) and run one round at a time. A round in a worker that cannot run (its runtime failed to
 * build, the thread died) counts as failed for all its objects: a re-run retries them.
 */
export class BackfillWorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  /** The round each busy worker is running. */
  private readonly pending = new Map<Worker, { resolve(reply: RoundReply): void }>();
  /** Why a worker can no longer run rounds. */
  private readonly dead = new Map<Worker, string>();

  public constructor(
    command: BackfillWorkerModule,
    size: number,
    private readonly onError: (message: string) => void = () => undefined
  ) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(require.resolve('./backfill-worker'), {
        workerData: command,
        // The backfill runs outside Lambda, where tracing is off: X-Ray's manual mode keeps its SDK
        // from installing async hooks when the runtime's modules load, which would cost every promise.
        env: { ...process.env, AWS_XRAY_MANUAL_MODE: process.env.AWS_XRAY_MANUAL_MODE ?? 'true' },
        resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB }
      });
      worker.on('message', (reply: RoundReply) => this.settle(worker, reply));
      worker.on('error', (error: Error) => this.die(worker, `backfill worker failed: ${error.message}`));
      worker.on('exit', (code: number) => this.die(worker, `backfill worker exited with code ${code}`));
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  public get size(): number {
    return this.all.length;
  }

  /** Runs a round on an idle worker; call at most `size` rounds at once. */
  public async runRound(changes: ObjectChange[]): Promise<BackfillTally> {
    const worker = this.idle.pop();
    if (!worker) throw new Error('no idle backfill worker: more rounds in flight than workers');
    try {
      const reply = await new Promise<RoundReply>((resolve) => {
        const reason = this.dead.get(worker);
        if (reason !== undefined) return resolve({ error: reason });
        this.pending.set(worker, { resolve });
        worker.postMessage({ changes } satisfies RoundRequest);
      });
      if ('tally' in reply) return reply.tally;
      this.onError(reply.error);
      return { ...emptyTally(), done: changes.length, failed: changes.length, failures: [reply.error] };
    } finally {
      this.idle.push(worker);
    }
  }

  public async close(): Promise<void> {
    for (const worker of this.all) this.dead.set(worker, 'backfill worker closed');
    await Promise.all(this.all.map((worker) => worker.terminate()));
  }

  private settle(worker: Worker, reply: RoundReply): void {
    const pending = this.pending.get(worker);
    this.pending.delete(worker);
    pending?.resolve(reply);
  }

  private die(worker: Worker, reason: string): void {
    if (!this.dead.has(worker)) this.dead.set(worker, reason);
    this.settle(worker, { error: this.dead.get(worker)! });
  }
}
