import { ByteWriter } from 'hyparquet-writer';

/**
 * A ByteWriter that hands its bytes over after each row group (ParquetWriter calls `flush`), so the
 * buffer stays one row group large instead of doubling to the file's size and being copied as it grows.
 */
export class ChunkedByteWriter extends ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  /** Where the bytes not yet handed to a chunk begin in the buffer. */
  private chunkStart = 0;

  /**
   * Hands the bytes written since the last chunk over as a view (no copy) and, at a row group's end,
   * starts a new buffer of the same size: the views keep the old one, which is never written again.
   */
  flush(): void {
    this.cut();
    if (this.chunkStart === 0) return; // nothing was handed over from this buffer
    this.buffer = new ArrayBuffer(this.buffer.byteLength);
    this.view = new DataView(this.buffer);
    this.index = 0;
    this.chunkStart = 0;
  }

  /**
   * Appends bytes the caller hands over (a compressed page, never changed again) as a chunk of their
   * own, without copying them into the buffer.
   */
  appendOwned(bytes: Uint8Array): void {
    this.cut();
    this.chunks.push(bytes);
    this.offset += bytes.length;
  }

  /** The bytes written since the last take, as the chunks they were written in (no copy). */
  takeChunks(): Uint8Array[] {
    this.flush();
    return this.chunks.splice(0);
  }

  /** Every byte written, in one array (one copy, into memory that is not zero-filled first). */
  takeAll(): Uint8Array {
    const all = Buffer.concat(this.takeChunks());
    // A plain Uint8Array (whose slice() copies, unlike a Buffer's) over the same memory.
    return new Uint8Array(all.buffer, all.byteOffset, all.length);
  }

  /** The bytes since the last chunk become one (a view: a growing buffer is copied, never edited in place). */
  private cut(): void {
    if (this.index === this.chunkStart) return;
    this.chunks.push(new Uint8Array(this.buffer, this.chunkStart, this.index - this.chunkStart));
    this.chunkStart = this.index;
  }
}
