import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import dynalite from 'dynalite';

import { type FaultKind, FaultInjector, type FaultPlan, runWithFault } from '../faults/fault-injector';
import { KeyedReadWriteLock } from '../keyed-read-write-lock';
import { ClientRequestTokens } from './client-request-tokens';
import { createDynaliteCall, type DynaliteHandler, type DynamoDbAnswer } from './dynalite-call';
import { type TransactWriteContext, transactWriteItems } from './transact-write-items';

export interface LocalDynamoDbOptions {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Folder for a persistent LevelDB store (kept after stop). Default: in memory. */
  directory?: string;
  faults?: FaultPlan;
}

export interface DynamoDbRequestRecord {
  /** From X-Amz-Target, e.g. PutItem. */
  operation: string;
  status: number;
  durationMs: number;
  fault?: FaultKind;
}

const ERRORS: Record<
  Exclude<FaultKind, 'connection-reset' | 'latency'>,
  { status: number; type: string; message: string }
> = {
  'internal-error': {
    status: 500,
    type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
    message: 'Internal server error'
  },
  'slow-down': {
    status: 503,
    type: 'com.amazonaws.dynamodb.v20120810#ServiceUnavailableException',
    message: 'Service unavailable'
  },
  throttling: {
    status: 400,
    type: 'com.amazon.coral.availability#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.'
  },
  'provisioned-throughput-exceeded': {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message:
      'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.'
  },
  'transaction-conflict': {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#TransactionConflictException',
    message: 'Transaction is ongoing for the item'
  }
};

// The whole store is one lock: ordinary requests share it, a transaction holds it alone.
const STORE = 'store';

function sendDynamoDbError(res: ServerResponse, kind: FaultKind): void {
  const error = ERRORS[kind as keyof typeof ERRORS] ?? ERRORS['internal-error'];
  sendAnswer(res, { status: error.status, body: { __type: error.type, message: error.message } });
}

function sendAnswer(res: ServerResponse, answer: DynamoDbAnswer): void {
  const body = JSON.stringify(answer.body);
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/** Runs an ordinary request on dynalite under a shared hold of the store. */
async function serveShared(
  req: IncomingMessage,
  res: ServerResponse,
  lock: KeyedReadWriteLock,
  dynaliteHandler: DynaliteHandler
): Promise<void> {
  const held = lock.acquireShared(STORE);
  // Released when the answer is done (or the client went away, even while waiting for the lock).
  let closed = false;
  res.once('close', () => {
    closed = true;
    held.then((release) => release()).catch(() => undefined);
  });
  await held;
  if (!closed) dynaliteHandler(req, res);
}

/** Runs a TransactWriteItems with the store held exclusively, so that it is serializable. */
async function serveTransaction(
  req: IncomingMessage,
  res: ServerResponse,
  lock: KeyedReadWriteLock,
  context: TransactWriteContext
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let request: Record<string, unknown>;
  try {
    request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    sendAnswer(res, { status: 400, body: { __type: 'com.amazon.coral.service#SerializationException' } });
    return;
  }
  const release = await lock.acquireExclusive(STORE);
  let answer: DynamoDbAnswer;
  try {
    answer = await transactWriteItems(request, context);
  } catch (error) {
    answer = { status: 500, body: { __type: ERRORS['internal-error'].type, message: String(error) } };
  } finally {
    release();
  }
  sendAnswer(res, answer);
}

/**
 * DynamoDB on this machine: dynalite (tables ACTIVE a moment after CreateTable: createTableMs 0), with the same fault
 * injection as the local S3 in front of its request handler (in-process, no second port), and
 * TransactWriteItems (which dynalite lacks) serializable against every other request.
 */
export class LocalDynamoDb {
  readonly endpoint: string;
  readonly port: number;
  readonly faults: FaultInjector;
  private readonly _server: Server;
  private readonly _events: EventEmitter;
  private _stopped: boolean = false;

  private constructor(server: Server, faults: FaultInjector, events: EventEmitter) {
    this._server = server;
    this.faults = faults;
    this._events = events;
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    this.endpoint = `http://${host}:${address.port}`;
    this.port = address.port;
  }

  static async start(options: LocalDynamoDbOptions = {}): Promise<LocalDynamoDb> {
    if (options.directory) await fs.mkdir(options.directory, { recursive: true });
    const server = dynalite({
      createTableMs: 0,
      deleteTableMs: 0,
      updateTableMs: 0,
      path: options.directory
    });
    const [dynaliteHandler] = server.listeners('request') as DynaliteHandler[];
    server.removeAllListeners('request');
    const faults = new FaultInjector();
    faults.setPlan(options.faults);
    const events = new EventEmitter();
    const lock = new KeyedReadWriteLock();
    const call = createDynaliteCall(dynaliteHandler);
    const tokens = new ClientRequestTokens();
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const started = performance.now();
      const target = req.headers['x-amz-target'];
      const operation = (Array.isArray(target) ? target[0] : (target ?? '')).split('.').pop() ?? '';
      const decision = faults.decide({ service: 'dynamodb', operation });
      res.once('close', () => {
        events.emit('request', {
          operation,
          status: res.statusCode,
          durationMs: performance.now() - started,
          fault: decision?.kind
        } satisfies DynamoDbRequestRecord);
      });
      const transaction = operation === 'TransactWriteItems';
      // A cancelled transaction names its actions, so that fault is answered from the request itself.
      const conflict = transaction && decision?.kind === 'transaction-conflict' ? decision : undefined;
      const proceed = transaction
        ? () =>
            serveTransaction(req, res, lock, {
              call,
              tokens,
              conflictingActions: conflict?.conflictingActions
            })
        : () => serveShared(req, res, lock, dynaliteHandler);
      runWithFault(conflict ? undefined : decision, req, res, proceed, (kind) =>
        sendDynamoDbError(res, kind)
      ).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    return new LocalDynamoDb(server, faults, events);
  }

  setFaults(plan: FaultPlan | undefined): void {
    this.faults.setPlan(plan);
  }

  onRequest(listener: (record: DynamoDbRequestRecord) => void): () => void {
    this._events.on('request', listener);
    return () => this._events.off('request', listener);
  }

  /** Closes the port, every connection and the store. */
  async stop(): Promise<void> {
    if (this._stopped) return;
    this._stopped = true;
    await new Promise<void>((resolve, reject) => {
      this._server.close((error?: Error) => (error ? reject(error) : resolve()));
      this._server.closeAllConnections();
    });
    this._events.removeAllListeners();
  }
}

export function startLocalDynamoDb(options?: LocalDynamoDbOptions): Promise<LocalDynamoDb> {
  return LocalDynamoDb.start(options);
}
