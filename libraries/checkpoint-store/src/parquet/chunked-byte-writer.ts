import { ByteWriter } from 'hyparquet-writer';

/**
 * A ByteWriter that hands its bytes over after each row group (ParquetWriter calls `flush`), so the
 * buffer stays one row group large instead of doubling to the file's size and being copied as it grows.
 */
export class ChunkedByteWriter extends ByteWriter {
  private readonly chunks: Uint8Array[] = [];

  flush(): void {
    if (this.index === 0) return;
    this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
  }

  /**
   * Appends bytes the caller hands over (a compressed page, never changed again) as a chunk of their
   * own, without copying them into the buffer.
   */
  appendOwned(bytes: Uint8Array): void {
    this.flush();
    this.chunks.push(bytes);
    this.offset += bytes.length;
  }

  /** Every byte written, in one array (one copy, into memory that is not zero-filled first). */
  takeAll(): Uint8Array {
    this.flush();
    const all = Buffer.concat(this.chunks.splice(0), this.offset);
    // A plain Uint8Array (whose slice() copies, unlike a Buffer's) over the same memory.
    return new Uint8Array(all.buffer, all.byteOffset, all.length);
  }
}
