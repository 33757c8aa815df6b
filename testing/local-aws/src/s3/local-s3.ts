import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import S3rver from 's3rver';

import { type FaultKind, FaultInjector, type FaultPlan, runWithFault } from '../faults/fault-injector';
import { DEFAULT_REGION, LOCAL_CREDENTIALS } from '../credentials';
import { KeyedReadWriteLock } from '../keyed-read-write-lock';
import type { BucketNotificationConfiguration } from '../notifications/notification-configuration';
import { NotificationRouter } from '../notifications/notification-router';
import { handleGetObject } from './get-object-handler';
import { handleListObjects, handleListObjectsV2 } from './list-objects-handlers';
import {
  handleAbortMultipartUpload,
  handleCompleteMultipartUpload,
  handleCreateMultipartUpload,
  handleListMultipartUploads,
  handleListParts,
  handleUploadPart,
  handleUploadPartCopy
} from './multipart-handlers';
import { MultipartStore } from './multipart-store';
import {
  handleCopyObject,
  handleDeleteObject,
  handleDeleteObjects,
  handlePutObject
} from './object-write-handlers';
import { ObjectStore } from './object-store';
import { handlePostObject } from './post-object-handler';
import type { ObjectChange, S3HandlerContext } from './s3-handler-context';
import { S3Error, s3Errors, sendS3Error } from './s3-error';
import { parseS3RequestTarget, type S3RequestTarget } from './s3-request-target';
import { verifySigV4 } from './sigv4-verifier';

export interface LocalS3Options {
  /** Port to listen on; 0 (default) picks a free one. */
  port?: number;
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /**
   * Folder to keep the data in (kept after stop, reused by the next start). Default: a new temporary
   * folder, removed at stop.
   */
  directory?: string;
  /** Buckets to create at start. */
  buckets?: string[];
  /** Smallest size of every part but the last in CompleteMultipartUpload. Default 5 MiB, as S3. */
  minimumPartSize?: number;
  faults?: FaultPlan;
  /** Region in event records (and the region signatures must be scoped to). Default us-east-1. */
  region?: string;
  /**
   * Verify every request's AWS Signature Version 4 (Authorization header or presigned query) against
   * LOCAL_CREDENTIALS and `region`, answering S3's 403 errors (SignatureDoesNotMatch,
   * InvalidAccessKeyId, RequestTimeTooSkewed, AccessDenied for unsigned requests). Default false:
   * any signature, or none, is accepted.
   */
  verifySignatures?: boolean;
}

/** One answered request, for benchmarks and tests (`onRequest`). */
export interface S3RequestRecord {
  operation: string;
  bucket?: string;
  key?: string;
  status: number;
  /** Request body bytes received on the wire, framing included (0 for operations without a body). */
  wireBytes: number;
  durationMs: number;
  fault?: FaultKind;
}

const OWN_OPERATIONS: Record<string, (context: S3HandlerContext) => Promise<void>> = {
  GetObject: handleGetObject,
  HeadObject: handleGetObject,
  PutObject: handlePutObject,
  CopyObject: handleCopyObject,
  DeleteObject: handleDeleteObject,
  DeleteObjects: handleDeleteObjects,
  ListObjectsV2: handleListObjectsV2,
  ListObjects: handleListObjects,
  CreateMultipartUpload: handleCreateMultipartUpload,
  UploadPart: handleUploadPart,
  UploadPartCopy: handleUploadPartCopy,
  CompleteMultipartUpload: handleCompleteMultipartUpload,
  AbortMultipartUpload: handleAbortMultipartUpload,
  ListParts: handleListParts,
  ListMultipartUploads: handleListMultipartUploads,
  PostObject: handlePostObject
};

/**
 * S3 on this machine: an HTTP front that implements object operations with S3's semantics (atomic
 * overwrite, conditional writes, ranges, UploadPartCopy, pagination, aws-chunked uploads) over
 * s3rver's file layout, and hands bucket-level operations to s3rver's own handler in-process.
 */
export class LocalS3 {
  readonly endpoint: string;
  readonly port: number;
  readonly faults: FaultInjector;
  private readonly _server: Server;
  private readonly _s3rver: S3rver;
  private readonly _store: ObjectStore;
  private readonly _directory: string;
  private readonly _removeDirectoryOnStop: boolean;
  private readonly _events: EventEmitter;
  private readonly _notifications: NotificationRouter;
  private _stopped: boolean = false;

  private constructor(init: {
    server: Server;
    s3rver: S3rver;
    store: ObjectStore;
    directory: string;
    removeDirectoryOnStop: boolean;
    faults: FaultInjector;
    events: EventEmitter;
    notifications: NotificationRouter;
    endpoint: string;
    port: number;
  }) {
    this._server = init.server;
    this._s3rver = init.s3rver;
    this._store = init.store;
    this._directory = init.directory;
    this._removeDirectoryOnStop = init.removeDirectoryOnStop;
    this.faults = init.faults;
    this._events = init.events;
    this._notifications = init.notifications;
    this.endpoint = init.endpoint;
    this.port = init.port;
  }

  static async start(options: LocalS3Options = {}): Promise<LocalS3> {
    const removeDirectoryOnStop = options.directory === undefined;
    const directory = options.directory ?? (await fs.mkdtemp(path.join(os.tmpdir(), 'local-aws-s3-')));
    const store = new ObjectStore(
      path.join(directory, 'buckets'),
      path.join(directory, 'tmp'),
      path.join(directory, 'segments')
    );
    await store.initialise();
    const uploads = new MultipartStore(path.join(directory, 'uploads'));
    const s3rver = new S3rver({
      directory: store.bucketsDirectory,
      silent: true,
      // Requests reach s3rver unchanged, but the front answers most operations itself; s3rver never checks
      // signatures (the front does, with verifySignatures).
      allowMismatchedSignatures: true,
      vhostBuckets: false
    });
    const s3rverHandler = s3rver.callback();
    const locks = new KeyedReadWriteLock();
    const faults = new FaultInjector();
    faults.setPlan(options.faults);
    const minimumPartSize = options.minimumPartSize ?? 5 * 1024 * 1024;
    // Starts from the clock so that a restarted server on a kept folder still goes up.
    let sequence = BigInt(Date.now()) * 65536n;
    const events = new EventEmitter();
    // Unhandled 'error' events would throw; errors are reported to listeners only.
    events.on('error', () => undefined);
    const region = options.region ?? DEFAULT_REGION;
    const notifications = new NotificationRouter(region);
    const secrets = { [LOCAL_CREDENTIALS.accessKeyId]: LOCAL_CREDENTIALS.secretAccessKey };
    events.on('change', (change: ObjectChange) => notifications.route(change));

    const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
      const started = performance.now();
      const requestId = randomBytes(8).toString('hex').toUpperCase();
      res.setHeader('x-amz-request-id', requestId);
      res.setHeader('x-amz-id-2', randomBytes(24).toString('base64'));
      let target: S3RequestTarget;
      try {
        target = parseS3RequestTarget(req);
      } catch {
        sendS3Error(
          res,
          s3Errors.invalidArgument('Malformed request path', 'path', req.url ?? ''),
          requestId
        );
        return;
      }
      let wireBytes = 0;
      // S3 authenticates before anything else (faults included); CORS preflights carry no signature.
      const refusal =
        options.verifySignatures && req.method !== 'OPTIONS'
          ? verifySigV4(
              { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headersDistinct },
              { secrets, region }
            )
          : undefined;
      const decision = refusal
        ? undefined
        : faults.decide({
            service: 's3',
            operation: target.operation,
            bucket: target.bucket,
            key: target.key
          });
      res.once('close', () => {
        events.emit('request', {
          operation: target.operation,
          bucket: target.bucket,
          key: target.key,
          status: res.statusCode,
          wireBytes,
          durationMs: performance.now() - started,
          fault: decision?.kind
        } satisfies S3RequestRecord);
      });
      if (refusal) {
        // The body is not read: drain it so that the answer reaches a client still sending.
        req.resume();
        sendS3Error(res, refusal, requestId);
        return;
      }
      const proceed = async (): Promise<void> => {
        const own = OWN_OPERATIONS[target.operation];
        if (!own || target.bucket === undefined) {
          s3rverHandler(req, res);
          return;
        }
        const bucket = target.bucket;
        const context: S3HandlerContext = {
          req,
          res,
          target: { ...target, bucket },
          requestId,
          store,
          uploads,
          locks,
          minimumPartSize,
          countWireBytes: (bytes) => {
            wireBytes += bytes;
          },
          recordChange: (change) => {
            sequence += 1n;
            const full: ObjectChange = {
              ...change,
              sequencer: sequence.toString(16).toUpperCase().padStart(18, '0'),
              eventTime: new Date(),
              requestId,
              sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1'
            };
            events.emit('change', full);
          }
        };
        try {
          if (!(await store.bucketExists(bucket))) throw s3Errors.noSuchBucket(bucket);
          await own(context);
        } catch (error) {
          if (res.headersSent) {
            res.destroy();
            return;
          }
          if (error instanceof S3Error) {
            sendS3Error(res, error, requestId, req.url);
          } else {
            sendS3Error(res, s3Errors.internalError(), requestId, req.url);
            events.emit('error', error);
          }
        }
      };
      await runWithFault(decision, req, res, proceed, (kind) =>
        sendS3Error(
          res,
          kind === 'internal-error' ? s3Errors.internalError() : s3Errors.slowDown(),
          requestId
        )
      );
    };

    const server = createServer((req, res) => {
      handle(req, res).catch((error: unknown) => {
        events.emit('error', error);
        res.destroy();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address() as AddressInfo;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    const instance = new LocalS3({
      server,
      s3rver,
      store,
      directory,
      removeDirectoryOnStop,
      faults,
      events,
      notifications,
      endpoint: `http://${host}:${address.port}`,
      port: address.port
    });
    for (const bucket of options.buckets ?? []) await instance.createBucket(bucket);
    return instance;
  }

  /** The folder holding the data (buckets/, uploads/, segments/, tmp/). */
  get directory(): string {
    return this._directory;
  }

  async createBucket(bucket: string): Promise<void> {
    await this._store.createBucket(bucket);
  }

  /**
   * Routes the bucket's object events to local queues (what PutBucketNotificationConfiguration does;
   * s3rver has no such API). Replaces the previous configuration; sends S3's `s3:TestEvent` to each
   * queue unless `sendTestEvent` is false. Throws on overlapping configurations, as S3 does.
   */
  putBucketNotificationConfiguration(
    bucket: string,
    configuration: BucketNotificationConfiguration,
    options: { sendTestEvent?: boolean } = {}
  ): void {
    this._notifications.setConfiguration(bucket, configuration, options.sendTestEvent ?? true);
  }

  getBucketNotificationConfiguration(bucket: string): BucketNotificationConfiguration {
    return this._notifications.getConfiguration(bucket);
  }

  /** Replaces (or with undefined, removes) the fault plan for the following requests. */
  setFaults(plan: FaultPlan | undefined): void {
    this.faults.setPlan(plan);
  }

  /** Called after each answered request. Returns a function that unsubscribes. */
  onRequest(listener: (record: S3RequestRecord) => void): () => void {
    this._events.on('request', listener);
    return () => this._events.off('request', listener);
  }

  /** Called for every object change, inside the key's lock, in the order changes happened. */
  onObjectChange(listener: (change: ObjectChange) => void): () => void {
    this._events.on('change', listener);
    return () => this._events.off('change', listener);
  }

  /** Unexpected internal errors (answered to the client as 500 InternalError). */
  onInternalError(listener: (error: unknown) => void): () => void {
    this._events.on('error', listener);
    return () => this._events.off('error', listener);
  }

  /** Closes the port and every connection; removes the data unless a directory was given. */
  async stop(): Promise<void> {
    if (this._stopped) return;
    this._stopped = true;
    await new Promise<void>((resolve) => {
      this._server.close(() => resolve());
      this._server.closeAllConnections();
    });
    this._s3rver.logger.exceptions.unhandle();
    this._s3rver.logger.close();
    this._events.removeAllListeners('request');
    if (this._removeDirectoryOnStop) await fs.rm(this._directory, { recursive: true, force: true });
  }
}

export function startLocalS3(options?: LocalS3Options): Promise<LocalS3> {
  return LocalS3.start(options);
}
