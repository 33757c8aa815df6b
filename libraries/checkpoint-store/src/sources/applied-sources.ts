import type { Source } from './source';
import { sourceFingerprint } from './source';

/** Footer key-value metadata key holding the record of recently applied sources. */
export const APPLIED_SOURCES_KEY = 'reporting.checkpoint.applied-sources';

/** How many fingerprints are kept by default: 4096 × 8 bytes = 32 KiB (≈ 43 KiB base64) in the footer. */
export const DEFAULT_APPLIED_SOURCES_CAPACITY = 4096;

const FINGERPRINT_BYTES = 8;

/**
 * A bounded, ordered record of the fingerprints of the most recently applied sources, oldest
 * first. Stored in the parquet footer as base64 of concatenated 8-byte fingerprints, so a
 * checkpoint knows which sources it already contains (exactly-once append across crashes and
 * at-least-once notifications).
 */
export class AppliedSources {
  private readonly _order: string[];
  private readonly _set: Set<string>;

  public constructor(
    fingerprints: readonly string[] = [],
    public readonly capacity: number = DEFAULT_APPLIED_SOURCES_CAPACITY
  ) {
    this._order = fingerprints.slice(Math.max(0, fingerprints.length - capacity));
    this._set = new Set(this._order);
  }

  public static decode(text: string | undefined, capacity?: number): AppliedSources {
    if (text === undefined || text === '') return new AppliedSources([], capacity);
    const bytes = Buffer.from(text, 'base64');
    if (bytes.length % FINGERPRINT_BYTES !== 0) {
      throw new Error(
        `applied-sources record has ${bytes.length} bytes, not a multiple of ${FINGERPRINT_BYTES}`
      );
    }
    const fingerprints: string[] = [];
    for (let offset = 0; offset < bytes.length; offset += FINGERPRINT_BYTES) {
      fingerprints.push(bytes.subarray(offset, offset + FINGERPRINT_BYTES).toString('hex'));
    }
    return new AppliedSources(fingerprints, capacity);
  }

  public get size(): number {
    return this._order.length;
  }

  public get fingerprints(): readonly string[] {
    return this._order;
  }

  public has(source: Source): boolean {
    return this._set.has(sourceFingerprint(source));
  }

  /** Records a source as most recent, evicting the oldest beyond capacity. */
  public add(source: Source): void {
    const fingerprint = sourceFingerprint(source);
    if (this._set.has(fingerprint)) return;
    this._order.push(fingerprint);
    this._set.add(fingerprint);
    while (this._order.length > this.capacity) {
      this._set.delete(this._order.shift() as string);
    }
  }

  public encode(): string {
    return Buffer.from(this._order.join(''), 'hex').toString('base64');
  }
}
