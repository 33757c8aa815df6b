/** A fault one request met, as the request log records it. */
export type RedcapFault = 'slow' | 'server-error' | 'bad-token' | 'truncated';

/**
 * The failures of a REDCap server seen from a client, settable at runtime: for the whole server or
 * for one project (matched by the request's token). A count of `undefined` means "until reset".
 */
export class FaultLevers {
  private _slow: { delayMs: number; remaining: number | undefined } | undefined;
  private _fail: { status: number; remaining: number } | undefined;
  private _rejectTokens: boolean = false;
  private _truncate: number = 0;

  /** Waits `delayMs` before the first byte of the next `times` answers (default: every answer). */
  slow(delayMs: number, times?: number): this {
    this._slow = delayMs > 0 ? { delayMs, remaining: times } : undefined;
    return this;
  }

  /** Answers the next `times` requests with a server error (500 by default, or 502, 503, 504). */
  failNext(times: number, status: number = 500): this {
    if (status < 500 || status > 599) throw new Error(`a server error has a 5xx status, not ${status}`);
    this._fail = times > 0 ? { status, remaining: times } : undefined;
    return this;
  }

  /** Rejects every token (a revoked or rotated token): 403 with REDCap's body. */
  rejectTokens(reject: boolean = true): this {
    this._rejectTokens = reject;
    return this;
  }

  /**
   * Cuts the next `times` successful answers: the headers (with the full Content-Length) and part
   * of the body are sent, then the connection is destroyed.
   */
  truncateNext(times: number = 1): this {
    this._truncate = Math.max(0, times);
    return this;
  }

  reset(): this {
    this._slow = undefined;
    this._fail = undefined;
    this._rejectTokens = false;
    this._truncate = 0;
    return this;
  }

  /** @internal The delay for this request (consumes one use). */
  takeDelay(): number {
    const slow = this._slow;
    if (!slow) return 0;
    if (slow.remaining !== undefined && --slow.remaining <= 0) this._slow = undefined;
    return slow.delayMs;
  }

  /** @internal The 5xx status for this request, if any (consumes one use). */
  takeFailure(): number | undefined {
    const fail = this._fail;
    if (!fail) return undefined;
    if (--fail.remaining <= 0) this._fail = undefined;
    return fail.status;
  }

  /** @internal */
  get rejectsTokens(): boolean {
    return this._rejectTokens;
  }

  /** @internal Whether this successful answer is cut (consumes one use). */
  takeTruncation(): boolean {
    if (this._truncate === 0) return false;
    this._truncate--;
    return true;
  }
}
