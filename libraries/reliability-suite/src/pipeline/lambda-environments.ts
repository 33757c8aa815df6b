import type { Context, SQSEvent } from 'aws-lambda';

/** One warm Lambda execution environment: handles one invocation at a time. */
export interface LambdaEnvironment {
  handle(event: SQSEvent, context: Context): Promise<unknown>;
}

/**
 * Lambda's concurrency model in one process: each concurrent invocation gets its own execution
 * environment (its own runtime, clients and idempotency context), reused when idle, created (cold
 * start) when none is. An invocation that never settles (a simulated crash) keeps its environment
 * forever, as a dead one would never come back.
 */
export class LambdaEnvironments {
  private readonly _idle: LambdaEnvironment[] = [];
  private _active: number = 0;
  private _peakConcurrency: number = 0;
  private _coldStarts: number = 0;
  private _invocations: number = 0;

  public constructor(private readonly _create: () => LambdaEnvironment) {}

  public async invoke(event: SQSEvent, context: Context): Promise<unknown> {
    let environment = this._idle.pop();
    if (environment === undefined) {
      environment = this._create();
      this._coldStarts++;
    }
    this._invocations++;
    this._active++;
    this._peakConcurrency = Math.max(this._peakConcurrency, this._active);
    try {
      return await environment.handle(event, context);
    } finally {
      this._active--;
      this._idle.push(environment);
    }
  }

  /** Resolves when no invocation is running, or after `timeoutMs` (a crashed one never ends). */
  public async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this._active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this._active === 0;
  }

  /** Most invocations that were running at the same moment. */
  public get peakConcurrency(): number {
    return this._peakConcurrency;
  }

  public get coldStarts(): number {
    return this._coldStarts;
  }

  public get invocations(): number {
    return this._invocations;
  }
}
