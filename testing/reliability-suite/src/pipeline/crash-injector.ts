import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { ObjectRef } from '@reporting/lambda-runtime';
import type { CrashPoint } from '@reporting/lambda-runtime';

/**
 * How a simulated crash ends the work: 'hang' = the process died there (the invocation times out);
 * 'throw' = a clean failure; 'both' = half the selected objects each way.
 */
export type CrashMode = 'hang' | 'throw' | 'both';

/** Where in a multipart commit the process dies (S3 commands of the checkpoint commit). */
export type MultipartCrashPoint = 'UploadPartCopy' | 'UploadPart' | 'CompleteMultipartUpload';

export interface ObjectCrashPlan {
  /** Fraction (0–1) of object keys that crash here, chosen by a hash of the key (reproducible). */
  fraction: number;
  mode: CrashMode;
}

export interface MultipartCrashPlan {
  /** The n-th, 2n-th, … request of this command dies. */
  every: number;
  /**
   * 'before': dies before sending; 'after': S3 applied the request, the process died before seeing
   * the answer; 'alternate': one then the other.
   */
  timing: 'before' | 'after' | 'alternate';
}

export interface CrashPlan {
  afterRead?: ObjectCrashPlan;
  afterCommit?: ObjectCrashPlan;
  multipart?: Partial<Record<MultipartCrashPoint, MultipartCrashPlan>>;
}

/** Thrown by a 'throw' crash hook. */
export class SimulatedCrash extends Error {
  public constructor(point: string) {
    super(`simulated crash at ${point}`);
    this.name = 'SimulatedCrash';
  }
}

const never = (): Promise<never> => new Promise<never>(() => undefined);

function keyFraction(point: string, key: string): number {
  return createHash('sha256').update(`${point}\0${key}`).digest().readUInt32BE(0) / 2 ** 32;
}

/**
 * Injects crashes at the lambda's named crash points (`crashPoints` of createRuntime) and inside the
 * multipart checkpoint commit (an S3 client middleware). Each selected object crashes once per
 * point: its redelivery then goes through, as after a real crash.
 */
export class CrashInjector {
  private readonly _crashed: Map<string, Set<string>> = new Map();
  private readonly _counts: Map<string, number> = new Map();
  private readonly _commandCounts: Map<string, number> = new Map();

  public constructor(private readonly _plan: CrashPlan) {}

  /** The `crashPoints` hooks for createRuntime. */
  public hooks(): Partial<Record<CrashPoint, (object: ObjectRef) => Promise<void>>> {
    const hooks: Partial<Record<CrashPoint, (object: ObjectRef) => Promise<void>>> = {};
    for (const point of ['afterRead', 'afterCommit'] as const) {
      const plan = this._plan[point];
      if (plan) hooks[point] = (object) => this._maybeCrash(point, plan, object.key);
    }
    return hooks;
  }

  /** Adds the multipart crash lever to a lambda environment's S3 client. */
  public instrument(client: S3Client): S3Client {
    const multipart = this._plan.multipart;
    if (!multipart) return client;
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName ?? '').replace(/Command$/, '') as MultipartCrashPoint;
        const plan = multipart[command];
        if (!plan) return next(args);
        const n = (this._commandCounts.get(command) ?? 0) + 1;
        this._commandCounts.set(command, n);
        if (n % plan.every !== 0) return next(args);
        const timing =
          plan.timing === 'alternate' ? ((n / plan.every) % 2 === 0 ? 'after' : 'before') : plan.timing;
        const point = `${command}:${timing}`;
        if (timing === 'after') await next(args);
        this._count(point);
        return never();
      },
      { step: 'initialize', name: 'reliabilitySuiteMultipartCrash' }
    );
    return client;
  }

  /** Crashes injected so far, by point (`afterRead:hang`, `CompleteMultipartUpload:after`, …). */
  public get injected(): Record<string, number> {
    return Object.fromEntries(this._counts);
  }

  /** Requests of each multipart command seen by the lever. */
  public get multipartCommands(): Record<string, number> {
    return Object.fromEntries(this._commandCounts);
  }

  private async _maybeCrash(point: CrashPoint, plan: ObjectCrashPlan, key: string): Promise<void> {
    const fraction = keyFraction(point, key);
    if (fraction >= plan.fraction) return;
    const crashed = this._crashed.get(point) ?? new Set<string>();
    this._crashed.set(point, crashed);
    if (crashed.has(key)) return;
    crashed.add(key);
    const mode = plan.mode === 'both' ? (fraction < plan.fraction / 2 ? 'hang' : 'throw') : plan.mode;
    this._count(`${point}:${mode}`);
    if (mode === 'throw') throw new SimulatedCrash(point);
    await never();
  }

  private _count(point: string): void {
    this._counts.set(point, (this._counts.get(point) ?? 0) + 1);
  }
}
