import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { MemorySample, WorkerReply, WorkerRequest } from './memory-sample';

/** The parent side of the lambda worker: invoke it, collect its memory samples, stop it. */
export class WorkerProcess {
  public readonly samples: MemorySample[] = [];
  private readonly _child: ChildProcess;
  private readonly _pending: Map<number, { resolve(value: unknown): void; reject(error: Error): void }> =
    new Map();
  private readonly _sampleWaiters: ((sample: MemorySample) => void)[] = [];
  private _nextId: number = 0;
  private _exited: Promise<void>;

  public constructor(environment: Record<string, string>) {
    this._child = fork(path.join(__dirname, 'lambda-worker.js'), [], {
      env: { ...process.env, ...environment },
      execArgv: ['--expose-gc'],
      // The handler's EMF metric lines are not needed here.
      stdio: ['ignore', 'ignore', 'inherit', 'ipc']
    });
    this._exited = new Promise((resolve) => this._child.once('exit', () => resolve()));
    this._child.on('message', (reply: WorkerReply) => this._receive(reply));
    this._child.once('exit', (code) => {
      for (const pending of this._pending.values())
        pending.reject(new Error(`lambda worker exited (${code})`));
      this._pending.clear();
    });
  }

  public invoke(event: unknown, timeoutMs: number): Promise<unknown> {
    const id = ++this._nextId;
    return new Promise((resolve, reject) => {
      this._pending.set(id, { resolve, reject });
      this._send({ type: 'invoke', id, event, timeoutMs });
    });
  }

  /** A sample taken now (after a full GC). */
  public sampleNow(): Promise<MemorySample> {
    return new Promise((resolve) => {
      this._sampleWaiters.push(resolve);
      this._send({ type: 'sample' });
    });
  }

  public async stop(): Promise<void> {
    this._child.kill();
    await this._exited;
  }

  private _send(request: WorkerRequest): void {
    this._child.send(request);
  }

  private _receive(reply: WorkerReply): void {
    if (reply.type === 'sample') {
      this.samples.push(reply.sample);
      if (reply.requested) this._sampleWaiters.shift()?.(reply.sample);
      return;
    }
    const pending = this._pending.get(reply.id);
    this._pending.delete(reply.id);
    if (reply.type === 'result') pending?.resolve(reply.result);
    else pending?.reject(new Error(reply.message));
  }
}
