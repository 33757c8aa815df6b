import { createHash } from 'crypto';

import {
  type ObjectStore,
  PreconditionFailedError,
  S3_MINIMUM_PART_BYTES,
  type TailRead,
  type WriteCondition,
  type WriteResult
} from './object-store';

export interface MemoryObjectStoreOptions {
  /** Smallest prefix accepted by writeWithCopiedPrefix (default 5 MiB, as S3). */
  minimumPrefixBytes?: number;
  /** Called before each conditional write is checked: lets tests interleave a competing writer. */
  beforeWrite?: (key: string) => Promise<void> | void;
}

/** Counts of what crossed the (simulated) wire: for tests and benchmarks. */
export interface MemoryObjectStoreTraffic {
  bytesRead: number;
  bytesWritten: number;
  bytesCopied: number;
  writes: number;
  preconditionFailures: number;
}

/**
 * An in-memory ObjectStore with S3's conditional-write semantics (strong ETags, If-Match,
 * If-None-Match: *), for unit tests and as a reference of the contract.
 */
export class MemoryObjectStore implements ObjectStore {
  public readonly minimumPrefixBytes: number;
  public readonly traffic: MemoryObjectStoreTraffic = {
    bytesRead: 0,
    bytesWritten: 0,
    bytesCopied: 0,
    writes: 0,
    preconditionFailures: 0
  };
  private readonly _objects = new Map<string, { body: Uint8Array; etag: string }>();
  private readonly _beforeWrite: MemoryObjectStoreOptions['beforeWrite'];

  public constructor(options: MemoryObjectStoreOptions = {}) {
    this.minimumPrefixBytes = options.minimumPrefixBytes ?? S3_MINIMUM_PART_BYTES;
    this._beforeWrite = options.beforeWrite;
  }

  /** Unconditional put (test setup, e.g. placing a foreign file at a checkpoint key). */
  public put(key: string, body: Uint8Array): string {
    const etag = etagOf(body);
    this._objects.set(key, { body: body.slice(), etag });
    return etag;
  }

  public get(key: string): Uint8Array | undefined {
    return this._objects.get(key)?.body.slice();
  }

  public etag(key: string): string | undefined {
    return this._objects.get(key)?.etag;
  }

  public async readTail(key: string, length: number): Promise<TailRead | undefined> {
    const object = this._objects.get(key);
    if (object === undefined) return undefined;
    const bytes = object.body.slice(Math.max(0, object.body.length - length));
    this.traffic.bytesRead += bytes.length;
    return { bytes, etag: object.etag, size: object.body.length };
  }

  public async readRange(key: string, start: number, end: number, etag: string): Promise<Uint8Array> {
    const object = this._current(key, { ifMatch: etag });
    if (start < 0 || end > object.body.length || start > end) {
      throw new RangeError(`range ${start}-${end} outside object of ${object.body.length} bytes`);
    }
    this.traffic.bytesRead += end - start;
    return object.body.slice(start, end);
  }

  /** Keeps `body` as it is (the writer hands it over, as to S3): no copy of a large file per write. */
  public async write(key: string, body: Uint8Array, condition: WriteCondition): Promise<WriteResult> {
    await this._beforeWrite?.(key);
    this._check(key, condition);
    this.traffic.bytesWritten += body.length;
    this.traffic.writes++;
    const etag = etagOf(body);
    this._objects.set(key, { body, etag });
    return { etag };
  }

  public async writeWithCopiedPrefix(
    key: string,
    prefix: { etag: string; length: number },
    tail: Uint8Array,
    condition: WriteCondition
  ): Promise<WriteResult> {
    if (prefix.length < this.minimumPrefixBytes) {
      throw new RangeError(
        `copied prefix of ${prefix.length} bytes is below the ${this.minimumPrefixBytes}-byte part minimum`
      );
    }
    await this._beforeWrite?.(key);
    const source = this._current(key, { ifMatch: prefix.etag });
    if (prefix.length > source.body.length) throw new RangeError('copied prefix longer than the object');
    this._check(key, condition);
    const body = new Uint8Array(prefix.length + tail.length);
    body.set(source.body.subarray(0, prefix.length));
    body.set(tail, prefix.length);
    this.traffic.bytesCopied += prefix.length;
    this.traffic.bytesWritten += tail.length;
    this.traffic.writes++;
    return { etag: this.put(key, body) };
  }

  private _current(key: string, condition: { ifMatch: string }): { body: Uint8Array; etag: string } {
    this._check(key, condition);
    return this._objects.get(key) as { body: Uint8Array; etag: string };
  }

  private _check(key: string, condition: WriteCondition): void {
    const object = this._objects.get(key);
    const holds = 'ifMatch' in condition ? object?.etag === condition.ifMatch : object === undefined;
    if (!holds) {
      this.traffic.preconditionFailures++;
      throw new PreconditionFailedError(`precondition failed for ${key}`);
    }
  }
}

function etagOf(body: Uint8Array): string {
  // As S3 for a single PUT: the MD5 of the content. Identical bytes give the same ETag, which is
  // harmless for If-Match (the bytes the caller read are the bytes there).
  return `"${createHash('md5').update(body).digest('hex')}"`;
}
