import type { IncomingMessage, ServerResponse } from 'node:http';

import { createRandom, type Random } from '@reporting/utils';

/** The failures production S3, DynamoDB (and SSM) produce, to be injected into a fraction of requests. */
export type FaultKind =
  | 'internal-error'
  | 'slow-down'
  | 'throttling'
  | 'provisioned-throughput-exceeded'
  | 'connection-reset'
  | 'latency'
  /** DynamoDB only: TransactionConflictException; a TransactWriteItems is cancelled (TransactionConflict). */
  | 'transaction-conflict';

export interface FaultCandidate {
  service: 's3' | 'dynamodb' | 'ssm';
  /** e.g. PutObject, GetObject, PutItem, UpdateItem, GetParametersByPath. */
  operation: string;
  bucket?: string;
  /** The object key; for SSM, the parameter name or path. */
  key?: string;
}

export interface FaultPlan {
  /** Fraction (0–1) of matching requests that get a fault. */
  rate: number;
  /** The kinds to choose from, uniformly. */
  kinds: FaultKind[];
  /** Same seed, same requests in the same order → same faults. Default 1. */
  seed?: number;
  /** Delay added by 'latency' (the request then proceeds normally). Default 200 ms. */
  latencyMs?: number;
  /**
   * 'before' (default): the request is not applied. 'after': it is applied, then the answer is
   * replaced by the fault, so the client cannot tell whether it happened (the hard case for retries).
   */
  timing?: 'before' | 'after';
  /**
   * DynamoDB, 'transaction-conflict' on TransactWriteItems: the indexes of the actions reported with
   * Code TransactionConflict (the others: None). Default [0].
   */
  conflictingActions?: number[];
  /** Only requests this accepts are candidates; default all. */
  match?: (candidate: FaultCandidate) => boolean;
}

export interface FaultDecision {
  kind: FaultKind;
  timing: 'before' | 'after';
  latencyMs: number;
  conflictingActions: number[];
}

/** Chooses, reproducibly, which requests fail and how. */
export class FaultInjector {
  private _plan: FaultPlan | undefined;
  private _random: Random = createRandom(1);
  private readonly _injected: Map<FaultKind, number> = new Map();

  setPlan(plan: FaultPlan | undefined): void {
    if (plan && (plan.rate < 0 || plan.rate > 1 || plan.kinds.length === 0)) {
      throw new Error('A fault plan needs a rate between 0 and 1 and at least one kind');
    }
    this._plan = plan;
    this._random = createRandom(plan?.seed ?? 1);
  }

  /** How many faults of each kind were injected since the start. */
  get injected(): Record<string, number> {
    return Object.fromEntries(this._injected);
  }

  decide(candidate: FaultCandidate): FaultDecision | undefined {
    const plan = this._plan;
    if (!plan || (plan.match && !plan.match(candidate))) return undefined;
    if (this._random() >= plan.rate) return undefined;
    const kind = plan.kinds[Math.floor(this._random() * plan.kinds.length)];
    this._injected.set(kind, (this._injected.get(kind) ?? 0) + 1);
    return {
      kind,
      timing: plan.timing ?? 'before',
      latencyMs: plan.latencyMs ?? 200,
      conflictingActions: plan.conflictingActions ?? [0]
    };
  }
}

/**
 * Runs a request under a fault decision. `proceed` handles it normally; `respond` writes the
 * service's error answer for a kind. With timing 'after', the normal answer is swallowed and replaced.
 */
export async function runWithFault(
  decision: FaultDecision | undefined,
  req: IncomingMessage,
  res: ServerResponse,
  proceed: () => Promise<void>,
  respond: (kind: FaultKind) => void
): Promise<void> {
  if (!decision) return proceed();
  if (decision.kind === 'latency') {
    await new Promise((resolve) => setTimeout(resolve, decision.latencyMs));
    return proceed();
  }
  const fail = (): void => {
    if (decision.kind === 'connection-reset') req.socket.destroy();
    else respond(decision.kind);
  };
  if (decision.timing === 'before') {
    // Drain the body so the client is not left writing into a closed request.
    req.resume();
    fail();
    return;
  }
  // 'after': let the request apply, but swallow its answer.
  const original = { write: res.write, end: res.end, writeHead: res.writeHead };
  let failed = false;
  res.writeHead = (() => res) as unknown as typeof res.writeHead;
  res.write = (() => true) as unknown as typeof res.write;
  res.end = ((...args: unknown[]) => {
    const callback = args.find((a) => typeof a === 'function') as (() => void) | undefined;
    if (!failed) {
      failed = true;
      Object.assign(res, original);
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      fail();
    }
    callback?.();
    return res;
  }) as unknown as typeof res.end;
  await proceed();
}
