import type { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getEndpointFromInstructions } from '@smithy/core/endpoints';
import { escapeUriPath, HttpRequest, type HttpResponse } from '@smithy/core/protocols';
import { getRetryAfterHint, isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import type { RequestSigner, RetryErrorInfo, RetryStrategyV2, RetryToken, SdkError } from '@smithy/types';
import type { ObjectRef } from './notifications';
import {
  ifMatchOf,
  readBoundedBody,
  readObjectBounded,
  readOutcomeOfError,
  type ObjectRead,
  type ObjectReader
} from './read-object';

/** Where one bucket's objects are read and how its requests are signed, resolved once per bucket. */
interface BucketRoute {
  protocol: string;
  hostname: string;
  port?: number;
  /** The Host header: hostname, and port when there is one. */
  host: string;
  /** What the key's path follows: `/` (virtual-hosted) or `/bucket/` (path-style). */
  keyPathPrefix: string;
  signingRegion: string;
  signingService: string;
}

/** S3's REST error answer is one flat <Error> document: its Code and Message are all that is used. */
const ERROR_CODE = /<Code>([^<]*)<\/Code>/;
const ERROR_MESSAGE = /<Message>([^<]*)<\/Message>/;

/** Error answers are small XML documents; more than this is not read. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;

/**
 * readObjectBounded's read without the SDK's per-request command stack — for bulk reads of small
 * objects (the backfill), where that stack costs ≈ 3× the rest of a GET in CPU (decision 0082). The
 * request is the SDK's in all that matters: the endpoint the client's own rules resolve for the bucket
 * (cached per bucket), signed by the client's own S3 signer (SigV4, the client's credentials provider and
 * clock offset), sent by the client's own HTTP handler (its sockets and timeouts), retried by the
 * client's own retry strategy (standard mode: backoff with jitter, retry quota, throttling and transient
 * errors classified as the SDK does). Answers mean what they mean to readObjectBounded: 404 gone, 412
 * superseded, a body over `maxBytes` too large. What it leaves out: the SDK's middleware (user agent,
 * logging, X-Ray capture, region redirects, clock-skew correction from a refused request), so the
 * deployed lambda keeps the SDK's read; buckets whose endpoint is not plain SigV4 (S3 Express) are
 * read through readObjectBounded.
 */
export function createDirectObjectReader(s3: S3Client): ObjectReader {
  const routes = new Map<string, Promise<BucketRoute | undefined>>();
  let signer: Promise<RequestSigner> | undefined;
  let retries: Promise<RetryStrategyV2> | undefined;

  const routeOf = (bucket: string): Promise<BucketRoute | undefined> => {
    let route = routes.get(bucket);
    if (!route) {
      route = resolveRoute(s3, bucket);
      routes.set(bucket, route);
      route.catch(() => routes.delete(bucket));
    }
    return route;
  };

  const getOnce = async (object: ObjectRef, route: BucketRoute, maxBytes: number): Promise<ObjectRead> => {
    const ifMatch = ifMatchOf(object);
    const request = new HttpRequest({
      method: 'GET',
      protocol: route.protocol,
      hostname: route.hostname,
      ...(route.port !== undefined ? { port: route.port } : {}),
      path: route.keyPathPrefix + escapeUriPath(object.key),
      query: object.versionId ? { versionId: object.versionId } : {},
      headers: {
        host: route.host,
        ...(ifMatch ? { 'if-match': ifMatch } : {})
      }
    });
    signer ??= s3.config.signer({
      name: 'sigv4',
      signingName: route.signingService,
      signingRegion: route.signingRegion,
      properties: {}
    });
    const signed = await (
      await signer
    ).sign(request, {
      signingDate: new Date(Date.now() + (s3.config.systemClockOffset ?? 0)),
      signingRegion: route.signingRegion,
      signingService: route.signingService
    });
    const { response } = (await s3.config.requestHandler.handle(signed as HttpRequest)) as {
      response: HttpResponse;
    };
    const body = response.body as Readable | undefined;
    if (response.statusCode >= 300) throw await s3ErrorOf(response, body);
    const length = response.headers['content-length'];
    return readBoundedBody(body, length === undefined ? undefined : Number(length), maxBytes);
  };

  return async (object, maxBytes) => {
    const route = await routeOf(object.bucket);
    if (!route) return readObjectBounded(s3, object, maxBytes);
    retries ??= s3.config.retryStrategy() as Promise<RetryStrategyV2>;
    const strategy = await retries;
    const attempt = async (token: RetryToken): Promise<ObjectRead> => {
      try {
        const read = await getOnce(object, route, maxBytes);
        strategy.recordSuccess(token);
        return read;
      } catch (error) {
        const outcome = readOutcomeOfError(error);
        if (outcome) return outcome;
        // Not retryable, or out of attempts or quota: the last error is thrown, as the SDK throws it.
        const next = await strategy
          .refreshRetryTokenForRetry(token, retryErrorInfo(error as SdkError))
          .catch(() => undefined);
        if (!next) throw error;
        await new Promise((resolve) => setTimeout(resolve, next.getRetryDelay()));
        return attempt(next);
      }
    };
    return attempt(await strategy.acquireInitialRetryToken(''));
  };
}

/** The bucket's endpoint by the client's own rules, or undefined when its requests are not plain SigV4. */
async function resolveRoute(s3: S3Client, bucket: string): Promise<BucketRoute | undefined> {
  const endpoint = await getEndpointFromInstructions(
    { Bucket: bucket, Key: '' },
    GetObjectCommand,
    s3.config
  );
  const scheme = (
    endpoint.properties?.authSchemes as
      | { name?: string; signingName?: string; signingRegion?: string }[]
      | undefined
  )?.[0];
  if (scheme !== undefined && scheme.name !== 'sigv4') return undefined;
  const { url } = endpoint;
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    host: url.host,
    keyPathPrefix: url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`,
    signingRegion: scheme?.signingRegion ?? (await s3.config.region()),
    signingService: scheme?.signingName ?? 's3'
  };
}

/** S3's error answer as the SDK surfaces it: `name` the S3 error code, `$metadata.httpStatusCode`. */
async function s3ErrorOf(response: HttpResponse, body: Readable | undefined): Promise<Error> {
  let text = '';
  for await (const chunk of body ?? []) {
    if (text.length < MAX_ERROR_BODY_BYTES) text += Buffer.from(chunk as Uint8Array).toString('utf8');
  }
  const status = response.statusCode;
  return Object.assign(new Error(ERROR_MESSAGE.exec(text)?.[1] ?? `S3 GetObject answered HTTP ${status}`), {
    name: ERROR_CODE.exec(text)?.[1] ?? (status === 404 ? 'NotFound' : `Http${status}`),
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: response.headers['x-amz-request-id'] },
    $response: response
  });
}

/** The SDK retry middleware's classification of an error (throttling, transient, server, client). */
function retryErrorInfo(error: SdkError): RetryErrorInfo {
  const errorType = isThrottlingError(error)
    ? 'THROTTLING'
    : isTransientError(error)
      ? 'TRANSIENT'
      : isServerError(error)
        ? 'SERVER_ERROR'
        : 'CLIENT_ERROR';
  const retryAfterHint = getRetryAfterHint((error as { $response?: unknown }).$response);
  return { errorType, ...(retryAfterHint ? { retryAfterHint } : {}) };
}
