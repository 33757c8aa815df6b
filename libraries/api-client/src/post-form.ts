import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleepFor } from 'node:timers/promises';

import { ApiAuthError, ApiRequestError, ApiTimeoutError, ApiUnavailableError } from './api-errors';
import { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
import { describeRequest, redact, secretValues } from './redact';

export interface PostFormOptions {
  /** Time allowed per attempt until the answer's status and headers arrive. Default 30 s. */
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Form fields whose values are secrets (default `token`); token-shaped values are secret too. */
  secretFields?: readonly string[];
  /** Where the credentials come from (e.g. an SSM parameter path): named when they are refused. */
  credentialSource?: string;
  /** The caller's own cancellation (e.g. the Lambda's remaining time); never retried. */
  signal?: AbortSignal;
  /** For tests: the wait between attempts, the jitter's random source, the clock. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  now?: () => number;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  /**
   * The answer, streamed (parse it as it arrives; memory stays bounded). If the connection breaks
   * before the end, the stream errors with an ApiUnavailableError: a short body never ends cleanly.
   */
  body: Readable;
  /** Requests made, this one included. */
  attempts: number;
}

type Failure =
  | { kind: 'timeout' }
  | { kind: 'network'; cause: unknown }
  | { kind: 'server'; status: number; message: string };

const DEFAULT_TIMEOUT_MS = 30_000;
/** An error body is read for its message up to this size; the rest is dropped. */
const ERROR_BODY_LIMIT = 4096;

/**
 * POSTs a form (`application/x-www-form-urlencoded`) with Node's fetch and returns the answer as a
 * stream. Network errors, timeouts and 5xx answers are retried with exponential backoff and full
 * jitter, within `retry.maxAttempts` and `retry.maxElapsedMs`; then ApiTimeoutError (the last
 * attempt timed out) or ApiUnavailableError. 401/403 throw ApiAuthError at once, another 4xx
 * ApiRequestError. No message carries a secret form value.
 */
export async function postForm(
  url: string | URL,
  form: URLSearchParams | Readonly<Record<string, string>>,
  options: PostFormOptions = {}
): Promise<ApiResponse> {
  const target = new URL(url);
  const body = form instanceof URLSearchParams ? form : new URLSearchParams(form);
  const secrets = secretValues(body, options.secretFields ?? ['token']);
  const request = describeRequest(target, body, secrets);
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => sleepFor(ms, undefined, { signal: options.signal }));
  const random = options.random ?? Math.random;
  const started = now();

  for (let attempt = 1; ; attempt++) {
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(),
      Math.max(1, Math.min(timeoutMs, policy.maxElapsedMs - (now() - started)))
    );
    const signal = options.signal ? AbortSignal.any([timeout.signal, options.signal]) : timeout.signal;
    let failure: Failure;
    try {
      const response = await fetch(target, { method: 'POST', body, signal });
      if (response.ok) {
        return {
          status: response.status,
          headers: response.headers,
          body: guardedBody(response, request, secrets, attempt),
          attempts: attempt
        };
      }
      const message = redact(await errorMessage(response), secrets);
      if (response.status === 401 || response.status === 403) {
        const source = options.credentialSource
          ? `check the API token in ${options.credentialSource}`
          : 'check the API token';
        throw new ApiAuthError(
          `${request} was refused with ${response.status} (${message}): ${source}`,
          response.status,
          options.credentialSource
        );
      }
      if (response.status < 500)
        throw new ApiRequestError(`${request} failed with ${response.status}: ${message}`, response.status);
      failure = { kind: 'server', status: response.status, message };
    } catch (error) {
      if (error instanceof ApiAuthError || error instanceof ApiRequestError) throw error;
      if (options.signal?.aborted) throw error;
      failure = timeout.signal.aborted ? { kind: 'timeout' } : { kind: 'network', cause: error };
    } finally {
      clearTimeout(timer);
    }
    const delay = backoffDelay(attempt, policy, random);
    if (attempt >= policy.maxAttempts || now() - started + delay >= policy.maxElapsedMs) {
      throw finalError(failure, request, attempt, secrets);
    }
    await sleep(delay);
  }
}

function finalError(
  failure: Failure,
  request: string,
  attempts: number,
  secrets: readonly string[]
): ApiUnavailableError {
  const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
  switch (failure.kind) {
    case 'timeout':
      return new ApiTimeoutError(`${request} timed out ${tries}`, attempts);
    case 'server':
      return new ApiUnavailableError(
        `${request} failed with ${failure.status} ${tries}: ${failure.message}`,
        attempts,
        failure.status
      );
    default:
      return new ApiUnavailableError(
        `${request} could not be sent ${tries}: ${redact(networkReason(failure.cause), secrets)}`,
        attempts,
        undefined
      );
  }
}

/** A network failure in words: fetch's "fetch failed" and the system error under it. */
function networkReason(error: unknown): string {
  const reasons: string[] = [];
  // Duck-typed: fetch's errors may come from another realm (a test runner's), where instanceof fails.
  for (
    let current = error as { message?: unknown; code?: unknown; cause?: unknown } | undefined;
    typeof current === 'object' &&
    current !== null &&
    typeof current.message === 'string' &&
    reasons.length < 3;
    current = current.cause as typeof current
  ) {
    reasons.push(typeof current.code === 'string' ? `${current.message} (${current.code})` : current.message);
  }
  return reasons.join(': ') || String(error);
}

/** The API's own message: REDCap's `{"error": …}`, or the start of the body. */
async function errorMessage(response: Response): Promise<string> {
  let text = '';
  const reader = response.body?.getReader();
  if (reader) {
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        text += Buffer.from(chunk.value).toString('utf8');
        if (text.length >= ERROR_BODY_LIMIT) break;
      }
      await reader.cancel();
    } catch {
      // A body that breaks off leaves whatever arrived as the message.
    }
  }
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    if (typeof parsed.error === 'string') return parsed.error;
  } catch {
    // not JSON: the text itself
  }
  return text.trim().slice(0, 300) || response.statusText;
}

/** The body as a Node stream whose failure is an ApiUnavailableError saying how much arrived. */
function guardedBody(
  response: Response,
  request: string,
  secrets: readonly string[],
  attempts: number
): Readable {
  const web = response.body as WebReadableStream<Uint8Array> | null;
  if (!web) return Readable.from([]);
  return Readable.from(
    (async function* () {
      let received = 0;
      try {
        for await (const chunk of web) {
          received += chunk.byteLength;
          yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        }
      } catch (error) {
        throw new ApiUnavailableError(
          `the answer to ${request} broke off after ${received} bytes: ${redact(networkReason(error), secrets)}`,
          attempts,
          response.status,
          { cause: error }
        );
      }
    })(),
    { objectMode: false }
  );
}
