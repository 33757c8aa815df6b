import type { IncomingMessage, ServerResponse } from 'node:http';

import type { KeyedReadWriteLock } from '../keyed-read-write-lock';
import type { MultipartStore } from './multipart-store';
import type { ObjectStore } from './object-store';
import type { S3RequestTarget } from './s3-request-target';

/** A change to an object, reported after it is visible, in the order changes happened to that key. */
export interface ObjectChange {
  bucket: string;
  key: string;
  /** S3's event name without the `s3:` prefix, e.g. `ObjectCreated:Put`, `ObjectRemoved:Delete`. */
  eventName: string;
  size?: number;
  /** Without quotes, as in S3 event records. */
  eTag?: string;
  /** Unique and increasing across the whole server (fixed-width upper-case hex). */
  sequencer: string;
  eventTime: Date;
  requestId: string;
  sourceIp: string;
}

/** Everything an S3 operation handler needs; one per request. */
export interface S3HandlerContext {
  req: IncomingMessage;
  res: ServerResponse;
  target: S3RequestTarget & { bucket: string };
  requestId: string;
  store: ObjectStore;
  uploads: MultipartStore;
  locks: KeyedReadWriteLock;
  minimumPartSize: number;
  /** Called inside the key's lock, right after the change became visible. */
  recordChange(change: Omit<ObjectChange, 'sequencer' | 'eventTime' | 'requestId' | 'sourceIp'>): void;
  /** Body bytes received on the wire, for the request log. */
  countWireBytes(bytes: number): void;
}

export function lockName(bucket: string, key: string): string {
  return `${bucket}/${key}`;
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

export function sendXml(res: ServerResponse, status: number, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/xml');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

export function requireKey(context: S3HandlerContext): string {
  const key = context.target.key;
  if (key === undefined) throw new Error('operation needs a key');
  return key;
}
