import type { Context, SQSEvent } from 'aws-lambda';

/** One warm Lambda execution environment: handles one invocation at a time. */
export interface LambdaEnvironment {
  handle(event: SQSEvent, context: Context): Promise<unknown>;
  /** Lambda stops an environment whose invocation reached its timeout: nothing it does afterwards may reach AWS. */
  kill(): void;
}

/**
 * Lambda's concurrency model in one process: each concurrent invocation gets its own execution
 * environment (its own runtime, clients and idempotency context), reused when idle, created (cold
 * start) when none is. When an invocation reaches its deadline (the context's remaining time) its
 * environment is killed — its clients refuse every further request, as if the process had been
 * stopped — and never reused; the same for an invocation that never settles (a simulated crash).
 */
export class LambdaEnvironments {
  private readonly _idle: LambdaEnvironment[] = [];
  private _active: number = 0;
  private _peakConcurrency: number = 0;
  private _coldStarts: number = 0;
  private _invocations: number = 0;
  private _killed: number = 0;
  private readonly _durations: number[] = [];

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
    const started = Date.now();
    let killed = false;
    const deadline = setTimeout(() => {
      killed = true;
      this._killed++;
      environment.kill();
    }, context.getRemainingTimeInMillis());
    try {
      return await environment.handle(event, context);
    } finally {
      clearTimeout(deadline);
      this._durations.push(Date.now() - started);
      this._active--;
      if (!killed) this._idle.push(environment);
    }
  }

  /** Resolves when no invocation is running, or after `timeoutMs` (a crashed one never ends). */
  public async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this._active > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return this._active === 0;
  }

  /** How long each invocation that ended took (ms), including those the queue had already timed out. */
  public get durations(): readonly number[] {
    return this._durations;
  }

  /** Most invocations that were running at the same moment. */
  public get peakConcurrency(): number {
    return this._peakConcurrency;
  }

  /** Environments stopped at an invocation's timeout. */
  public get killed(): number {
    return this._killed;
  }

  public get coldStarts(): number {
    return this._coldStarts;
  }

  public get invocations(): number {
    return this._invocations;
  }
}
