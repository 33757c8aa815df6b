import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import dynalite from 'dynalite';

import { type FaultKind, FaultInjector, type FaultPlan, runWithFault } from '../faults/fault-injector';

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
  }
};

function sendDynamoDbError(res: ServerResponse, kind: FaultKind): void {
  const error = ERRORS[kind as keyof typeof ERRORS] ?? ERRORS['internal-error'];
  const body = JSON.stringify({ __type: error.type, message: error.message });
  res.statusCode = error.status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

/**
 * DynamoDB on this machine: dynalite (tables ACTIVE a moment after CreateTable: createTableMs 0), with the same fault
 * injection as the local S3 in front of its request handler (in-process, no second port).
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
    const [dynaliteHandler] = server.listeners('request') as ((
      req: IncomingMessage,
      res: ServerResponse
    ) => void)[];
    server.removeAllListeners('request');
    const faults = new FaultInjector();
    faults.setPlan(options.faults);
    const events = new EventEmitter();
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
      const proceed = async (): Promise<void> => dynaliteHandler(req, res);
      runWithFault(decision, req, res, proceed, (kind) => sendDynamoDbError(res, kind)).catch(() =>
        res.destroy()
      );
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
