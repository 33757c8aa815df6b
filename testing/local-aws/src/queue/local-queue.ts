import { createHash, randomBytes, randomUUID } from 'node:crypto';

import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

import { DEFAULT_REGION } from '../credentials';
import { createRandom, type Random } from '@reporting/utils';
import { createLambdaContext } from '@reporting/utils';

/** The function an SQS event source mapping drives. Returning nothing means every record succeeded. */
export type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse | void>;

export interface LocalQueueOptions {
  name?: string;
  handler: SqsHandler;
  /** Records per invocation at most (event source mapping BatchSize). Default 10. */
  batchSize?: number;
  /** Wait up to this long to fill a batch (MaximumBatchingWindowInSeconds). Default 0. */
  batchWindowMs?: number;
  /** A received message stays invisible this long; a failed one comes back after it. Default 1,000 ms. */
  visibilityTimeoutMs?: number;
  /** Redrive policy: a message received more often than this goes to the dead-letter list. Default 3. */
  maxReceiveCount?: number;
  /** ReportBatchItemFailures on the mapping: honour `batchItemFailures`. Default true. */
  reportBatchItemFailures?: boolean;
  /** Batches handled at the same time (Lambda concurrency for this queue). Default 1. */
  concurrency?: number;
  /** Function timeout: an invocation running longer counts as failed. Default 30,000 ms. */
  functionTimeoutMs?: number;
  /** Test lever: every message sent is enqueued this many times (S3 may deliver a notification twice). */
  deliveriesPerMessage?: number;
  /** Test lever: hand visible messages out in a random order instead of oldest first. */
  shuffle?: boolean;
  /** Seed for shuffling. Default 1. */
  seed?: number;
  region?: string;
}

interface QueuedMessage {
  messageId: string;
  body: string;
  sentTimestamp: number;
  firstReceiveTimestamp?: number;
  receiveCount: number;
  visibleAt: number;
  inFlight: boolean;
}

export interface DeadLetter {
  messageId: string;
  body: string;
  receiveCount: number;
}

/** One handler invocation, for tests that check batching and redelivery. */
export interface QueueInvocation {
  messageIds: string[];
  receiveCounts: number[];
  outcome: 'succeeded' | 'partially-failed' | 'failed';
  error?: unknown;
}

/**
 * An SQS standard queue with a Lambda event source mapping, in-process: at-least-once delivery in
 * batches, a visibility timeout, partial batch responses, a redrive policy to a dead-letter list.
 */
export class LocalQueue {
  readonly name: string;
  readonly arn: string;
  readonly deadLetters: DeadLetter[] = [];
  readonly invocations: QueueInvocation[] = [];
  private readonly _options: Required<Omit<LocalQueueOptions, 'name' | 'seed' | 'region'>> & {
    region: string;
  };
  private readonly _messages: Map<string, QueuedMessage> = new Map();
  private readonly _random: Random;
  private _inFlightBatches: number = 0;
  private _timer: NodeJS.Timeout | undefined;
  private _timerAt: number = Infinity;
  private _windowOpenedAt: number | undefined;
  private _stopped: boolean = false;
  private _drainWaiters: (() => void)[] = [];

  constructor(options: LocalQueueOptions) {
    this.name = options.name ?? `local-queue-${randomBytes(4).toString('hex')}`;
    const region = options.region ?? DEFAULT_REGION;
    this.arn = `arn:aws:sqs:${region}:000000000000:${this.name}`;
    this._options = {
      handler: options.handler,
      batchSize: options.batchSize ?? 10,
      batchWindowMs: options.batchWindowMs ?? 0,
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 1000,
      maxReceiveCount: options.maxReceiveCount ?? 3,
      reportBatchItemFailures: options.reportBatchItemFailures ?? true,
      concurrency: options.concurrency ?? 1,
      functionTimeoutMs: options.functionTimeoutMs ?? 30_000,
      deliveriesPerMessage: options.deliveriesPerMessage ?? 1,
      shuffle: options.shuffle ?? false,
      region
    };
    if (
      this._options.batchSize < 1 ||
      this._options.concurrency < 1 ||
      this._options.deliveriesPerMessage < 1
    ) {
      throw new Error('batchSize, concurrency and deliveriesPerMessage must be at least 1');
    }
    this._random = createRandom(options.seed ?? 1);
  }

  /** Messages waiting or being handled (not counting dead letters). */
  get depth(): number {
    return this._messages.size;
  }

  /** Enqueues a message (deliveriesPerMessage copies); returns the message ids. */
  send(body: string): string[] {
    if (this._stopped) throw new Error(`queue ${this.name} is stopped`);
    const ids: string[] = [];
    const now = Date.now();
    for (let i = 0; i < this._options.deliveriesPerMessage; i++) {
      const messageId = randomUUID();
      this._messages.set(messageId, {
        messageId,
        body,
        sentTimestamp: now,
        receiveCount: 0,
        visibleAt: now,
        inFlight: false
      });
      ids.push(messageId);
    }
    // Delivered asynchronously, as by SQS: never inside the sender's call.
    this._wakeAt(now);
    return ids;
  }

  /**
   * Resolves when no message is waiting or being handled: all handled successfully or dead-lettered.
   * Rejects after `timeoutMs` (default 30 s) with the number of messages left.
   */
  drained(timeoutMs: number = 30_000): Promise<void> {
    if (this._isDrained()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = { done: (): void => undefined };
      const timer = setTimeout(() => {
        this._drainWaiters = this._drainWaiters.filter((w) => w !== waiter.done);
        reject(
          new Error(
            `queue ${this.name} not drained after ${timeoutMs} ms: ${this._messages.size} messages left`
          )
        );
      }, timeoutMs);
      waiter.done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this._drainWaiters.push(waiter.done);
    });
  }

  /** Stops delivering (messages stay); waits for batches in flight. */
  async stop(): Promise<void> {
    this._stopped = true;
    this._clearTimer();
    while (this._inFlightBatches > 0) await new Promise((resolve) => setTimeout(resolve, 5));
  }

  private _isDrained(): boolean {
    return this._messages.size === 0 && this._inFlightBatches === 0;
  }

  private _notifyIfDrained(): void {
    if (!this._isDrained()) return;
    const waiters = this._drainWaiters;
    this._drainWaiters = [];
    for (const waiter of waiters) waiter();
  }

  private _clearTimer(): void {
    if (this._timer) clearTimeout(this._timer);
    this._timer = undefined;
    this._timerAt = Infinity;
  }

  private _wakeAt(at: number): void {
    if (this._stopped || at >= this._timerAt) return;
    this._clearTimer();
    this._timerAt = at;
    this._timer = setTimeout(
      () => {
        this._timer = undefined;
        this._timerAt = Infinity;
        this._pump();
      },
      Math.max(0, at - Date.now())
    );
  }

  /** Hands out batches while there is capacity and visible messages (or a full batching window). */
  private _pump(): void {
    while (!this._stopped && this._inFlightBatches < this._options.concurrency) {
      const now = Date.now();
      const waiting = [...this._messages.values()].filter((m) => !m.inFlight);
      let visible = waiting.filter((m) => m.visibleAt <= now);
      // Redrive: a message received maxReceiveCount times already goes to the dead-letter list.
      for (const message of visible.filter((m) => m.receiveCount >= this._options.maxReceiveCount)) {
        this._messages.delete(message.messageId);
        this.deadLetters.push({
          messageId: message.messageId,
          body: message.body,
          receiveCount: message.receiveCount
        });
      }
      visible = visible.filter((m) => this._messages.has(m.messageId));
      if (visible.length === 0) {
        const next = Math.min(
          ...waiting.filter((m) => this._messages.has(m.messageId)).map((m) => m.visibleAt)
        );
        if (Number.isFinite(next)) this._wakeAt(next);
        this._notifyIfDrained();
        return;
      }
      if (visible.length < this._options.batchSize && this._options.batchWindowMs > 0) {
        this._windowOpenedAt ??= now;
        const closesAt = this._windowOpenedAt + this._options.batchWindowMs;
        if (now < closesAt) {
          this._wakeAt(closesAt);
          return;
        }
      }
      this._windowOpenedAt = undefined;
      if (this._options.shuffle) {
        for (let i = visible.length - 1; i > 0; i--) {
          const j = Math.floor(this._random() * (i + 1));
          [visible[i], visible[j]] = [visible[j], visible[i]];
        }
      } else {
        visible.sort((a, b) => a.sentTimestamp - b.sentTimestamp);
      }
      const batch = visible.slice(0, this._options.batchSize);
      for (const message of batch) {
        message.inFlight = true;
        message.receiveCount++;
        message.firstReceiveTimestamp ??= now;
        message.visibleAt = now + this._options.visibilityTimeoutMs;
      }
      this._inFlightBatches++;
      const finished = (): void => {
        this._inFlightBatches--;
        this._pump();
        this._notifyIfDrained();
      };
      this._invoke(batch).then(finished, finished);
    }
  }

  private _record(message: QueuedMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: randomBytes(48).toString('base64'),
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentTimestamp),
        SenderId: 'AIDAJLOCALAWSSENDER',
        ApproximateFirstReceiveTimestamp: String(message.firstReceiveTimestamp)
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this._options.region
    };
  }

  private async _invoke(batch: QueuedMessage[]): Promise<void> {
    const event: SQSEvent = { Records: batch.map((m) => this._record(m)) };
    const context = createLambdaContext(this.name, this._options.functionTimeoutMs, this._options.region);
    const ids = new Set(batch.map((m) => m.messageId));
    let failed: Set<string>;
    let error: unknown;
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(
          () => reject(new Error(`Task timed out after ${this._options.functionTimeoutMs} ms`)),
          this._options.functionTimeoutMs
        );
      });
      const response = await Promise.race([this._options.handler(event, context), timeout]);
      failed = new Set();
      if (this._options.reportBatchItemFailures && response && Array.isArray(response.batchItemFailures)) {
        for (const failure of response.batchItemFailures) {
          // Lambda treats an empty or unknown itemIdentifier as a failure of the whole batch.
          if (!failure.itemIdentifier || !ids.has(failure.itemIdentifier)) {
            failed = new Set(ids);
            break;
          }
          failed.add(failure.itemIdentifier);
        }
      }
    } catch (thrown) {
      error = thrown;
      failed = new Set(ids);
    } finally {
      clearTimeout(timer);
    }
    for (const message of batch) {
      message.inFlight = false;
      // A failed message becomes visible again when its visibility timeout ends (already set).
      if (!failed.has(message.messageId)) this._messages.delete(message.messageId);
    }
    this.invocations.push({
      messageIds: batch.map((m) => m.messageId),
      receiveCounts: batch.map((m) => m.receiveCount),
      outcome: failed.size === 0 ? 'succeeded' : failed.size === batch.length ? 'failed' : 'partially-failed',
      error
    });
  }
}
