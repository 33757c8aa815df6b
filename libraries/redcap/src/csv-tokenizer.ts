const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
/** Scan results: the chunk ended before the answer (wait for more), or the body did (a truncated value). */
const INCOMPLETE = -1;
const UNCLOSED = -2;
/** Bytes that end an unquoted run: `,` `\n` `\r` `"` (one table look-up per byte instead of four tests). */
const STOPS = new Uint8Array(256);
for (const byte of [COMMA, LF, CR, QUOTE]) STOPS[byte] = 1;
/** Record delimiters. */
const EOL_UNKNOWN = 0;
const EOL_LF = 1;
const EOL_CRLF = 2;
const EOL_CR = 3;

/** CSV that is not RFC 4180 (as csv-parse would refuse it), with the physical line (1-based) it was found on. */
export class CsvSyntaxError extends Error {
  public override readonly name = 'CsvSyntaxError';

  public constructor(
    public readonly line: number,
    message: string
  ) {
    super(message);
  }
}

/**
 * One record: its fields as byte ranges of `bytes`, decoded on demand (`text`). Reused from record
 * to record: read it before asking for the next one.
 */
export class CsvRecord {
  bytes: Buffer = Buffer.alloc(0);
  count = 0;
  /** Physical line (1-based) the record ends on. */
  line = 0;
  /** Where each field's bytes begin and end in `bytes` (quotes excluded). */
  starts = new Int32Array(64);
  ends = new Int32Array(64);
  /** 1 where a quoted field holds doubled quotes to undo (its bytes are not its text). */
  escaped = new Uint8Array(64);

  /** Field `index` as text (UTF-8). */
  text(index: number): string {
    const value = this.bytes.toString('utf8', this.starts[index], this.ends[index]);
    return this.escaped[index] === 1 ? value.replaceAll('""', '"') : value;
  }

  /** Every field as text. */
  texts(): string[] {
    return Array.from({ length: this.count }, (_, index) => this.text(index));
  }

  add(start: number, end: number, escaped: boolean): void {
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts);
      this.ends = grown(this.ends);
      const flags = new Uint8Array(this.escaped.length * 2);
      flags.set(this.escaped);
      this.escaped = flags;
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.escaped[this.count] = escaped ? 1 : 0;
    this.count++;
  }
}

function grown(array: Int32Array): Int32Array {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/**
 * Splits a CSV body that arrives in chunks into records (RFC 4180: `,` between fields, `\n` or
 * `\r\n` between records, `"` quoting with `""` for a quote), as the REDCap API writes it. Skips a
 * leading UTF-8 byte order mark and empty lines; refuses a quote inside an unquoted field, text
 * after a closing quote and a quoted field still open at the end (a truncated body), naming the line.
 *
 * Written here instead of using csv-parse (which it replaced) because parsing was the largest cost
 * of a REDCap run: csv-parse read 27 MB/s, the fastest maintained parser measured 53 MB/s, this one
 * scans bytes and decodes only the fields asked for (docs/decisions/0079). A differential property
 * test holds it to csv-parse's records and refusals.
 */
export class CsvTokenizer {
  private pending: Buffer | undefined;
  private atStart = true;
  /** Physical line (1 + line feeds before it) of the next unread byte. */
  private line = 1;
  /** The body's record delimiter, once seen. */
  private eol = EOL_UNKNOWN;
  private readonly record = new CsvRecord();

  /** The complete records of the body so far with `chunk` appended. */
  *push(chunk: Buffer): Generator<CsvRecord, void, undefined> {
    let bytes = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    if (this.atStart) {
      if (bytes.length < 3 && [0xef, 0xbb, 0xbf].slice(0, bytes.length).every((b, i) => bytes[i] === b)) {
        this.pending = bytes; // could still be a byte order mark
        return;
      }
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
      this.atStart = false;
    }
    yield* this.scan(bytes, false);
  }

  /** The last record (a body need not end with a newline); throws for a quoted field left open. */
  *end(): Generator<CsvRecord, void, undefined> {
    const bytes = this.pending;
    this.pending = undefined;
    if (bytes !== undefined && bytes.length > 0) yield* this.scan(bytes, true);
  }

  /**
   * Records of `bytes`; an incomplete last record (no record delimiter after it yet) is kept for the
   * next chunk unless `final`.
   */
  private *scan(bytes: Buffer, final: boolean): Generator<CsvRecord, void, undefined> {
    const n = bytes.length;
    const record = this.record;
    const quoted = { doubled: false };
    let pos = 0;
    while (pos < n) {
      const blank = this.delimiterAt(bytes, pos, final);
      if (blank === INCOMPLETE) break;
      if (blank > 0) {
        this.line += countLines(bytes, pos, pos + blank); // an empty line
        pos += blank;
        continue;
      }
      const recordStart = pos;
      record.bytes = bytes;
      record.count = 0;
      let recordEnd = INCOMPLETE; // where the next record starts, once this one is complete
      let contentEnd = n;
      for (;;) {
        // One field: `pos` is at its first byte.
        let next: number;
        if (pos < n && bytes[pos] === QUOTE) {
          const close = closingQuote(bytes, pos + 1, final, quoted);
          if (close === INCOMPLETE) break;
          if (close === UNCLOSED) {
            throw new CsvSyntaxError(
              this.lineAt(bytes, recordStart, pos),
              'a quoted value is still open at the end of the body (a truncated export?)'
            );
          }
          record.add(pos + 1, close, quoted.doubled);
          next = close + 1;
        } else {
          next = pos;
          let ending = 0;
          for (;;) {
            while (next < n && STOPS[bytes[next]] === 0) next++;
            if (next < n && bytes[next] === QUOTE) {
              throw new CsvSyntaxError(
                this.lineAt(bytes, recordStart, next),
                'a quote inside an unquoted value'
              );
            }
            if (next === n || bytes[next] === COMMA) break;
            ending = this.delimiterAt(bytes, next, final);
            if (ending !== 0) break;
            next++; // a CR or LF that is not this body's record delimiter: part of the value
          }
          if (ending === INCOMPLETE || (next === n && !final)) break;
          record.add(pos, next, false);
        }
        if (next === n) {
          if (final) recordEnd = contentEnd = n;
          break;
        }
        if (bytes[next] === COMMA) {
          pos = next + 1;
          if (pos === n) {
            if (!final) break;
            record.add(n, n, false); // a last, empty value
            recordEnd = contentEnd = n;
            break;
          }
          continue;
        }
        const ending = this.delimiterAt(bytes, next, final);
        if (ending === INCOMPLETE) break;
        if (ending === 0) {
          throw new CsvSyntaxError(this.lineAt(bytes, recordStart, next), 'text follows a closing quote');
        }
        contentEnd = next;
        recordEnd = next + ending;
        break;
      }
      if (recordEnd === INCOMPLETE) {
        this.pending = Buffer.from(bytes.subarray(recordStart));
        return;
      }
      record.line = this.lineAt(bytes, recordStart, contentEnd);
      this.line += countLines(bytes, recordStart, recordEnd);
      pos = recordEnd;
      yield record;
    }
    if (pos < n) this.pending = Buffer.from(bytes.subarray(pos));
  }

  /** The physical line of byte `at`, from the line of `recordStart` (this.line). */
  private lineAt(bytes: Buffer, recordStart: number, at: number): number {
    return this.line + countLines(bytes, recordStart, at);
  }

  /**
   * The length of the record delimiter at `at` (0 for none; INCOMPLETE when a CR ends the chunk and
   * the next may bring an LF). The body's first delimiter — `\n`, `\r\n` or `\r`, as csv-parse
   * detects it — is its only one: after `\r\n`, a lone `\n` is part of a value.
   */
  private delimiterAt(bytes: Buffer, at: number, final: boolean): number {
    const byte = bytes[at];
    if (byte !== LF && byte !== CR) return 0;
    if (byte === CR && at + 1 === bytes.length && !final) return INCOMPLETE;
    const crlf = byte === CR && bytes[at + 1] === LF;
    const found = byte === LF ? EOL_LF : crlf ? EOL_CRLF : EOL_CR;
    if (this.eol === EOL_UNKNOWN) this.eol = found;
    if (this.eol === EOL_CRLF) return crlf ? 2 : 0;
    return found === this.eol ? 1 : 0;
  }
}

/**
 * The closing quote of a quoted value whose content starts at `from` (`""` inside is a quote);
 * INCOMPLETE when the chunk ends first (or ends on a quote the next chunk may double), UNCLOSED when
 * the body ends first.
 */
function closingQuote(bytes: Buffer, from: number, final: boolean, found: { doubled: boolean }): number {
  let at = from;
  found.doubled = false;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote === -1) return final ? UNCLOSED : INCOMPLETE;
    if (quote + 1 === bytes.length) return final ? quote : INCOMPLETE;
    if (bytes[quote + 1] !== QUOTE) return quote;
    found.doubled = true;
    at = quote + 2;
  }
}

/** Line feeds in bytes [from, to). */
function countLines(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  let at = bytes.indexOf(LF, from);
  while (at !== -1 && at < to) {
    count++;
    at = bytes.indexOf(LF, at + 1);
  }
  return count;
}
