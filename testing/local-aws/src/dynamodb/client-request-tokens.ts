/** How long DynamoDB remembers a TransactWriteItems ClientRequestToken after the request completed. */
export const CLIENT_REQUEST_TOKEN_WINDOW_MS = 10 * 60 * 1000;

export type TokenVerdict = 'new' | 'replay' | 'mismatch';

/**
 * The ClientRequestTokens of successful transactions: within ten minutes, the same token with the same
 * request is a replay (answered with success, nothing applied again); with other parameters it is a
 * mismatch (IdempotentParameterMismatchException). The AWS SDK sets a fresh token on every command
 * and keeps it across its retries, which is what makes a retried transaction safe.
 */
export class ClientRequestTokens {
  // Insertion order is completion order, so the expired entries are always at the front.
  private readonly _tokens: Map<string, { fingerprint: string; expiresAt: number }> = new Map();
  private readonly _now: () => number;

  constructor(now: () => number = Date.now) {
    this._now = now;
  }

  check(token: string, fingerprint: string): TokenVerdict {
    this._prune();
    const known = this._tokens.get(token);
    if (!known) return 'new';
    return known.fingerprint === fingerprint ? 'replay' : 'mismatch';
  }

  /** Remembers the token of a transaction that succeeded. */
  remember(token: string, fingerprint: string): void {
    this._prune();
    this._tokens.delete(token);
    this._tokens.set(token, { fingerprint, expiresAt: this._now() + CLIENT_REQUEST_TOKEN_WINDOW_MS });
  }

  private _prune(): void {
    const now = this._now();
    for (const [token, { expiresAt }] of this._tokens) {
      if (expiresAt > now) break;
      this._tokens.delete(token);
    }
  }
}
