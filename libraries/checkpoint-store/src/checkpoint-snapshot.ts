import type { AsyncBuffer } from 'hyparquet';

import { CorruptCheckpointError, NotParquetError } from './errors';
import { FOOTER_TRAILER_BYTES, PARQUET_MAGIC, ParquetFooter, locateFooter } from './parquet/parquet-footer';
import type { ObjectStore } from './store/object-store';

/** How much of the end of a checkpoint the first read fetches: the footer of a 1 M-row file fits. */
export const DEFAULT_TAIL_READ_BYTES = 128 * 1024;

/**
 * One version (ETag) of a checkpoint object as far as it has been read: its footer, and a
 * byte-range cache that only ever fetches from that same version (If-Match), so everything
 * decoded from it is consistent.
 */
export class CheckpointSnapshot implements AsyncBuffer {
  private readonly _windows: Array<{ start: number; bytes: Uint8Array }> = [];

  private constructor(
    private readonly _store: ObjectStore,
    public readonly key: string,
    public readonly etag: string,
    public readonly byteLength: number,
    public readonly footer: ParquetFooter
  ) {}

  /** Reads the tail and footer of the object at `key`; undefined when there is none. */
  public static async read(
    store: ObjectStore,
    key: string,
    tailReadBytes: number = DEFAULT_TAIL_READ_BYTES
  ): Promise<CheckpointSnapshot | undefined> {
    const tail = await store.readTail(key, tailReadBytes);
    if (tail === undefined) return undefined;
    const { footerStart } = locateFooter(tail.bytes, tail.size);
    const tailStart = tail.size - tail.bytes.length;
    let footerAndTrailer: Uint8Array;
    let windowStart = tailStart;
    let windowBytes = tail.bytes;
    if (footerStart >= tailStart) {
      footerAndTrailer = tail.bytes.subarray(footerStart - tailStart);
    } else {
      const missing = await store.readRange(key, footerStart, tailStart, tail.etag);
      windowBytes = concatBytes([missing, tail.bytes]);
      windowStart = footerStart;
      footerAndTrailer = windowBytes;
    }
    const footer = ParquetFooter.parse(footerAndTrailer, footerStart);
    const snapshot = new CheckpointSnapshot(store, key, tail.etag, tail.size, footer);
    snapshot._windows.push({ start: windowStart, bytes: windowBytes });
    if (windowStart === 0) snapshot._checkHeader(windowBytes);
    return snapshot;
  }

  /** Fetches [start, end) in one request (if not already held) so later slices need none. */
  public async prefetch(start: number, end: number): Promise<void> {
    if (end <= start || this._find(start, end) !== undefined) return;
    const bytes = await this._store.readRange(this.key, start, end, this.etag);
    if (start === 0) this._checkHeader(bytes);
    this._windows.push({ start, bytes });
  }

  /** Forgets every fetched range (later reads fetch again), so a large object can be freed. */
  public release(): void {
    this._windows.length = 0;
  }

  /** Bytes [start, end), fetching them if needed. */
  public async bytes(start: number, end: number): Promise<Uint8Array> {
    await this.prefetch(start, end);
    return this._find(start, end) as Uint8Array;
  }

  /** AsyncBuffer for hyparquet: copies, because hyparquet may keep views of what it gets. */
  public async slice(start: number, end: number = this.byteLength): Promise<ArrayBuffer> {
    const bytes = await this.bytes(start, end);
    return bytes.slice().buffer as ArrayBuffer;
  }

  private _find(start: number, end: number): Uint8Array | undefined {
    for (const window of this._windows) {
      if (start >= window.start && end <= window.start + window.bytes.length) {
        return window.bytes.subarray(start - window.start, end - window.start);
      }
    }
    return undefined;
  }

  private _checkHeader(bytes: Uint8Array): void {
    if (new TextDecoder().decode(bytes.subarray(0, 4)) !== PARQUET_MAGIC) {
      throw this.byteLength < 4 + FOOTER_TRAILER_BYTES
        ? new NotParquetError('object is too short to be a parquet file')
        : new CorruptCheckpointError('object ends like parquet but does not start with the magic "PAR1"');
    }
  }
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
