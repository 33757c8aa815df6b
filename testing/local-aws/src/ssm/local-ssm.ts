import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { type FaultKind, FaultInjector, type FaultPlan, runWithFault } from '../faults/fault-injector';
import { ParameterStore, type PutParameterInput } from './parameter-store';
import { SsmError } from './ssm-error';

export interface LocalSsmOptions {
  host?: string;
  /** 0 (default): an ephemeral port. */
  port?: number;
  faults?: FaultPlan;
}

export interface SsmRequestRecord {
  /** From X-Amz-Target, e.g. GetParametersByPath. */
  operation: string;
  /** The Name or Path of the request. */
  name: string | undefined;
  status: number;
  durationMs: number;
  fault?: FaultKind;
}

/** How a fault reads in SSM's answer: a 500 InternalServerError, else throttling. */
function faultError(kind: FaultKind): SsmError {
  return kind === 'internal-error'
    ? new SsmError('InternalServerError', 'An error occurred on the server side.', 500)
    : new SsmError('ThrottlingException', 'Rate exceeded');
}

/**
 * SSM Parameter Store on this machine, in the AWS JSON 1.1 protocol that @aws-sdk/client-ssm speaks
 * (`X-Amz-Target: AmazonSSM.<Operation>`): PutParameter, GetParameter, GetParameters,
 * GetParametersByPath and DeleteParameter, with the fault injection of the local S3 and DynamoDB.
 */
export class LocalSsm {
  readonly endpoint: string;
  readonly store: ParameterStore = new ParameterStore();
  readonly faults: FaultInjector = new FaultInjector();
  private readonly _events: EventEmitter = new EventEmitter();
  private _stopped: boolean = false;

  private constructor(private readonly _server: Server) {
    const address = _server.address() as AddressInfo;
    this.endpoint = `http://${address.address}:${address.port}`;
  }

  static async start(options: LocalSsmOptions = {}): Promise<LocalSsm> {
    const holder: { ssm?: LocalSsm } = {};
    const server = createServer((req, res) => holder.ssm!._handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    holder.ssm = new LocalSsm(server);
    holder.ssm.setFaults(options.faults);
    return holder.ssm;
  }

  setFaults(plan: FaultPlan | undefined): void {
    this.faults.setPlan(plan);
  }

  onRequest(listener: (record: SsmRequestRecord) => void): () => void {
    this._events.on('request', listener);
    return () => this._events.off('request', listener);
  }

  async stop(): Promise<void> {
    if (this._stopped) return;
    this._stopped = true;
    await new Promise<void>((resolve, reject) => {
      this._server.close((error?: Error) => (error ? reject(error) : resolve()));
      this._server.closeAllConnections();
    });
    this._events.removeAllListeners();
  }

  private _handle(req: IncomingMessage, res: ServerResponse): void {
    const started = performance.now();
    const target = String(req.headers['x-amz-target'] ?? '');
    const operation = target.startsWith('AmazonSSM.') ? target.slice('AmazonSSM.'.length) : '';
    const chunks: Buffer[] = [];
    // The body is read first: a fault candidate names the parameter (a plan may match on it).
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      let input: Record<string, unknown> | undefined;
      try {
        input = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        input = undefined;
      }
      const name =
        typeof input?.Name === 'string'
          ? input.Name
          : typeof input?.Path === 'string'
            ? input.Path
            : undefined;
      const decision = this.faults.decide({ service: 'ssm', operation, key: name });
      res.once('close', () => {
        this._events.emit('request', {
          operation,
          name,
          status: res.statusCode,
          durationMs: performance.now() - started,
          fault: decision?.kind
        } satisfies SsmRequestRecord);
      });
      const proceed = async (): Promise<void> => this._answer(res, req.method, operation, input);
      runWithFault(decision, req, res, proceed, (kind) => sendError(res, faultError(kind))).catch(() =>
        res.destroy()
      );
    });
  }

  private _answer(
    res: ServerResponse,
    method: string | undefined,
    operation: string,
    input: Record<string, unknown> | undefined
  ): void {
    try {
      if (method !== 'POST' || operation === '') {
        throw new SsmError(
          'UnknownOperationException',
          'only the AWS JSON 1.1 protocol is served (POST with X-Amz-Target: AmazonSSM.<Operation>)'
        );
      }
      if (!input) throw new SsmError('SerializationException', 'the request body is not JSON');
      send(res, 200, this._operation(operation, input));
    } catch (error) {
      if (!(error instanceof SsmError)) throw error;
      sendError(res, error);
    }
  }

  private _operation(operation: string, input: Record<string, unknown>): unknown {
    switch (operation) {
      case 'PutParameter':
        return this.store.put(input as PutParameterInput);
      case 'GetParameter':
        return { Parameter: this.store.get(input.Name, input.WithDecryption === true) };
      case 'GetParameters':
        return this.store.getMany(input.Names, input.WithDecryption === true);
      case 'GetParametersByPath':
        return this.store.byPath(input);
      case 'DeleteParameter':
        this.store.delete(input.Name);
        return {};
      default:
        throw new SsmError('UnknownOperationException', `the local SSM does not implement ${operation}`);
    }
  }
}

export function startLocalSsm(options?: LocalSsmOptions): Promise<LocalSsm> {
  return LocalSsm.start(options);
}

function sendError(res: ServerResponse, error: SsmError): void {
  send(res, error.status, { __type: error.type, message: error.message });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.1');
  res.setHeader('x-amzn-RequestId', randomUUID());
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
