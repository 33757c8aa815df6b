/**
 * Physical line numbers of byte offsets in a text: a line ends at LF, CRLF or a lone CR (as csv-parse
 * detects record delimiters). Built once per file; each look-up is a binary search.
 */
export class LineIndex {
  /** Byte offset at which each line starts; line n (1-based) starts at starts[n - 1]. */
  private readonly starts: number[] = [0];

  public constructor(private readonly bytes: Uint8Array) {
    for (let i = 0; i < bytes.length; i += 1) {
      const byte = bytes[i];
      if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) this.starts.push(i + 1);
    }
  }

  /** The 1-based line holding the byte at `offset`. */
  public lineAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.starts[middle] <= offset) low = middle;
      else high = middle - 1;
    }
    return low + 1;
  }

  /** The first offset at or after `offset` that is not a line break (past skipped blank lines). */
  public skipLineBreaks(offset: number): number {
    let at = offset;
    while (at < this.bytes.length && (this.bytes[at] === 0x0a || this.bytes[at] === 0x0d)) at += 1;
    return at;
  }
}
