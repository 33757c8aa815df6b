import { createHash } from 'crypto';

import {
  type ObjectStore,
  type ObjectUpload,
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

/** An object's bytes as written (the chunks of an upload), joined into one array when first read. */
class StoredObject {
  public readonly size: number;
  private _body: Uint8Array | undefined;

  public constructor(
    private readonly _chunks: readonly Uint8Array[],
    public readonly etag: string
  ) {
    this.size = _chunks.reduce((sum, chunk) => sum + chunk.length, 0);
    if (_chunks.length === 1) this._body = _chunks[0];
  }

  public get body(): Uint8Array {
    if (this._body === undefined) {
      const joined = Buffer.concat(this._chunks, this.size);
      // A plain Uint8Array (whose slice() copies, unlike a Buffer's) over the same memory.
      this._body = new Uint8Array(joined.buffer, joined.byteOffset, joined.length);
    }
    return this._body;
  }
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
  private readonly _objects = new Map<string, StoredObject>();
  private readonly _beforeWrite: MemoryObjectStoreOptions['beforeWrite'];

  public constructor(options: MemoryObjectStoreOptions = {}) {
    this.minimumPrefixBytes = options.minimumPrefixBytes ?? S3_MINIMUM_PART_BYTES;
    this._beforeWrite = options.beforeWrite;
  }

  /** Unconditional put (test setup, e.g. placing a foreign file at a checkpoint key). */
  public put(key: string, body: Uint8Array): string {
    const etag = etagOf([body]);
    this._objects.set(key, new StoredObject([body.slice()], etag));
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
    const bytes = object.body.slice(Math.max(0, object.size - length));
    this.traffic.bytesRead += bytes.length;
    return { bytes, etag: object.etag, size: object.size };
  }

  public async readRange(key: string, start: number, end: number, etag: string): Promise<Uint8Array> {
    const object = this._current(key, { ifMatch: etag });
    if (start < 0 || end > object.size || start > end) {
      throw new RangeError(`range ${start}-${end} outside object of ${object.size} bytes`);
    }
    this.traffic.bytesRead += end - start;
    return object.body.slice(start, end);
  }

  /** Keeps `body` as it is (the writer hands it over, as to S3): no copy of a large file per write. */
  public async write(key: string, body: Uint8Array, condition: WriteCondition): Promise<WriteResult> {
    return this._commit(key, [body], condition);
  }

  /** Keeps the appended chunks as they are, as `write` keeps its body; joined only if read. */
  public beginUpload(key: string, condition: WriteCondition): ObjectUpload {
    let chunks: Uint8Array[] | undefined = [];
    const open = (): Uint8Array[] => {
      if (chunks === undefined) throw new Error(`upload of ${key} already completed or aborted`);
      return chunks;
    };
    return {
      append: async (more) => {
        open().push(...more);
      },
      complete: async () => {
        const body = open();
        chunks = undefined;
        return this._commit(key, body, condition);
      },
      abort: async () => {
        chunks = undefined;
      }
    };
  }

  private async _commit(key: string, chunks: Uint8Array[], condition: WriteCondition): Promise<WriteResult> {
    await this._beforeWrite?.(key);
    this._check(key, condition);
    const object = new StoredObject(chunks, etagOf(chunks));
    this.traffic.bytesWritten += object.size;
    this.traffic.writes++;
    this._objects.set(key, object);
    return { etag: object.etag };
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
    if (prefix.length > source.size) throw new RangeError('copied prefix longer than the object');
    this._check(key, condition);
    const body = new Uint8Array(prefix.length + tail.length);
    body.set(source.body.subarray(0, prefix.length));
    body.set(tail, prefix.length);
    this.traffic.bytesCopied += prefix.length;
    this.traffic.bytesWritten += tail.length;
    this.traffic.writes++;
    return { etag: this.put(key, body) };
  }

  private _current(key: string, condition: { ifMatch: string }): StoredObject {
    this._check(key, condition);
    return this._objects.get(key) as StoredObject;
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

function etagOf(chunks: readonly Uint8Array[]): string {
  // As S3 for a single PUT: the MD5 of the content. Identical bytes give the same ETag, which is
  // harmless for If-Match (the bytes the caller read are the bytes there).
  const hash = createHash('md5');
  for (const chunk of chunks) hash.update(chunk);
  return `"${hash.digest('hex')}"`;
}
