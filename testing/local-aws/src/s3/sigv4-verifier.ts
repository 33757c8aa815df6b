import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

import { S3Error } from './s3-error';

/*
 * Verifies AWS Signature Version 4 on an S3 request, written from AWS's documented algorithm
 * ("Signature Calculations for the Authorization Header" and "… Query Parameters" in the S3 API
 * reference) with node:crypto alone, so that it checks a signer rather than agreeing with itself.
 *
 * Header auth (`Authorization: AWS4-HMAC-SHA256 …`) and presigned query auth (`X-Amz-Signature`)
 * are verified. The payload hash in the canonical request is the `x-amz-content-sha256` value as
 * sent (a hex SHA-256, UNSIGNED-PAYLOAD or STREAMING-…); that a hex hash matches the body is the
 * body reader's check (XAmzContentSHA256Mismatch). For aws-chunked bodies only the seed signature
 * (this one) is verified, not each chunk's signature.
 */

export interface SignedRequest {
  method: string;
  /** Path and query as received (`IncomingMessage.url`). */
  url: string;
  /** Values by lower-case header name; a repeated header as an array (`IncomingMessage.headersDistinct`). */
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface SigV4VerifierOptions {
  /** Secret access key by access key id. */
  secrets: Readonly<Record<string, string>>;
  region: string;
  /** Milliseconds since the epoch; default Date.now. */
  now?: () => number;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const SERVICE = 's3';
// S3 refuses a request whose time is more than 15 minutes from its own clock (RequestTimeTooSkewed).
const MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES_SECONDS = 7 * 24 * 60 * 60;
const PAYLOAD_HASH = /^(?:[0-9a-f]{64}|UNSIGNED-PAYLOAD|STREAMING-[A-Z0-9-]+)$/;

/** AWS's UriEncode: every byte but A–Z a–z 0–9 - . _ ~ as %XX (upper-case hex); '/' kept if asked. */
export function uriEncode(text: string, keepSlash: boolean = false): string {
  return encodeURIComponent(text).replace(/[!'()*]|%2F/g, (match) =>
    match === '%2F' ? (keepSlash ? '/' : match) : `%${match.charCodeAt(0).toString(16).toUpperCase()}`
  );
}

/**
 * The canonical URI: each segment of the path decoded and encoded once more with UriEncode. S3
 * does not encode twice (unlike other services) and does not resolve '.' or '..' segments.
 */
export function canonicalUri(rawPath: string): string {
  return (rawPath || '/')
    .split('/')
    .map((segment) => uriEncode(decodeURIComponent(segment)))
    .join('/');
}

/** Query parameters as sent, decoded ('+' stays '+': the SDK encodes a space as %20). */
function queryPairs(rawQuery: string): [string, string][] {
  return rawQuery
    .split('&')
    .filter((part) => part !== '')
    .map((part) => {
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      const value = equals < 0 ? '' : part.slice(equals + 1);
      return [decodeURIComponent(name), decodeURIComponent(value)];
    });
}

/** Encoded name=value pairs sorted by name then value; a parameter without a value is `name=`. */
export function canonicalQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

function headerValues(request: SignedRequest, name: string): string[] {
  const value = request.headers[name];
  return value === undefined ? [] : typeof value === 'string' ? [value] : [...value];
}

function header(request: SignedRequest, name: string): string | undefined {
  const values = headerValues(request, name);
  return values.length ? values.join(',') : undefined;
}

/** `name:value` lines of the signed headers: values trimmed, inner runs of spaces as one, repeats joined by ','. */
function canonicalHeaders(request: SignedRequest, signedHeaders: readonly string[]): string {
  return signedHeaders
    .map((name) => {
      const values = headerValues(request, name).map((value) => value.trim().replace(/\s+/g, ' '));
      return `${name}:${values.join(',')}\n`;
    })
    .join('');
}

const sha256Hex = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: string | Buffer, data: string): Buffer =>
  createHmac('sha256', key).update(data, 'utf8').digest();

export function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
}

/** `20130524T000000Z` as milliseconds since the epoch, or undefined when it is not that form. */
function parseAmzDate(text: string | undefined): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  return Number.isNaN(time) ? undefined : time;
}

/** What a request claims: from the Authorization header or from the presigned query. */
interface SignatureClaim {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  terminator: string;
  signedHeaders: string[];
  signature: string;
  requestTime: string | undefined;
  /** Presigned: the X-Amz-Expires seconds. */
  expires?: string;
}

const bytesHex = (text: string): string =>
  [...Buffer.from(text, 'utf8')].map((byte) => byte.toString(16).padStart(2, '0')).join(' ');

const authErrors = {
  accessDenied: (message: string = 'Access Denied', detail?: Record<string, string>) =>
    new S3Error(403, 'AccessDenied', message, detail),
  malformedHeader: (reason: string, detail?: Record<string, string>) =>
    new S3Error(
      400,
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; ${reason}`,
      detail
    ),
  malformedQuery: (message: string) => new S3Error(400, 'AuthorizationQueryParametersError', message),
  invalidAccessKeyId: (accessKeyId: string) =>
    new S3Error(
      403,
      'InvalidAccessKeyId',
      'The AWS Access Key Id you provided does not exist in our records.',
      {
        AWSAccessKeyId: accessKeyId
      }
    ),
  requestTimeTooSkewed: (requestTime: string, serverTime: number) =>
    new S3Error(
      403,
      'RequestTimeTooSkewed',
      'The difference between the request time and the current time is too large.',
      {
        RequestTime: requestTime,
        ServerTime: new Date(serverTime).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        MaxAllowedSkewMilliseconds: String(MAX_SKEW_MS)
      }
    ),
  signatureDoesNotMatch: (claim: SignatureClaim, stringToSign: string, canonicalRequest: string) =>
    new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
      {
        AWSAccessKeyId: claim.accessKeyId,
        StringToSign: stringToSign,
        SignatureProvided: claim.signature,
        StringToSignBytes: bytesHex(stringToSign),
        CanonicalRequest: canonicalRequest,
        CanonicalRequestBytes: bytesHex(canonicalRequest)
      }
    )
};

function splitCredential(
  credential: string
): Omit<SignatureClaim, 'signedHeaders' | 'signature' | 'requestTime'> | undefined {
  const parts = credential.split('/');
  if (parts.length < 5) return undefined;
  const [date, region, service, terminator] = parts.slice(-4);
  return { accessKeyId: parts.slice(0, -4).join('/'), date, region, service, terminator };
}

/** `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` (S3 accepts the commas with or without a space). */
function parseAuthorizationHeader(authorization: string, request: SignedRequest): SignatureClaim | S3Error {
  if (!authorization.startsWith(`${ALGORITHM} `)) {
    return new S3Error(
      400,
      'InvalidRequest',
      'The authorization mechanism you have provided is not supported. Please use AWS4-HMAC-SHA256.'
    );
  }
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) fields.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = splitCredential(fields.get('Credential') ?? '');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (!credential || !signedHeaders || !signature) {
    return authErrors.malformedHeader(
      'the Credential, SignedHeaders or Signature component is missing or malformed.'
    );
  }
  return {
    ...credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    requestTime: header(request, 'x-amz-date')
  };
}

function parsePresignedQuery(query: Map<string, string>): SignatureClaim | S3Error {
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) {
    return authErrors.malformedQuery(`X-Amz-Algorithm only supports "${ALGORITHM}"`);
  }
  const credential = splitCredential(query.get('X-Amz-Credential') ?? '');
  const signedHeaders = query.get('X-Amz-SignedHeaders');
  const signature = query.get('X-Amz-Signature');
  const expires = query.get('X-Amz-Expires');
  if (!credential || !signedHeaders || !signature || !expires) {
    return authErrors.malformedQuery(
      'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.'
    );
  }
  return {
    ...credential,
    signedHeaders: signedHeaders.split(';'),
    signature,
    requestTime: query.get('X-Amz-Date'),
    expires
  };
}

/**
 * Checks a request's SigV4 signature the way S3 does. Returns undefined when it verifies, else the
 * S3Error S3 would answer: AccessDenied without any authentication (or with x-amz-* headers left
 * unsigned, or a presigned URL past its expiry), InvalidAccessKeyId, RequestTimeTooSkewed,
 * AuthorizationHeaderMalformed (scope with another region or service), SignatureDoesNotMatch.
 */
export function verifySigV4(request: SignedRequest, options: SigV4VerifierOptions): S3Error | undefined {
  const now = (options.now ?? Date.now)();
  const questionMark = request.url.indexOf('?');
  const rawPath = questionMark < 0 ? request.url : request.url.slice(0, questionMark);
  let pairs: [string, string][];
  let uri: string;
  try {
    pairs = queryPairs(questionMark < 0 ? '' : request.url.slice(questionMark + 1));
    uri = canonicalUri(rawPath);
  } catch {
    return authErrors.accessDenied('Malformed percent-encoding in the request path or query.');
  }
  const query = new Map(pairs);
  const authorization = header(request, 'authorization');
  const presigned = authorization === undefined && query.has('X-Amz-Signature');
  if (authorization === undefined && !presigned) return authErrors.accessDenied();

  const claim = presigned ? parsePresignedQuery(query) : parseAuthorizationHeader(authorization!, request);
  if (claim instanceof S3Error) return claim;

  const secret = Object.prototype.hasOwnProperty.call(options.secrets, claim.accessKeyId)
    ? options.secrets[claim.accessKeyId]
    : undefined;
  if (secret === undefined) return authErrors.invalidAccessKeyId(claim.accessKeyId);

  const requestTime = parseAmzDate(claim.requestTime);
  if (requestTime === undefined) {
    return authErrors.accessDenied('AWS authentication requires a valid Date or x-amz-date header');
  }
  if (claim.requestTime!.slice(0, 8) !== claim.date) {
    return authErrors.malformedHeader(
      `Invalid credential date "${claim.date}". This date is not the same as X-Amz-Date: "${claim.requestTime!.slice(0, 8)}".`
    );
  }
  if (claim.region !== options.region) {
    return authErrors.malformedHeader(
      `the region '${claim.region}' is wrong; expecting '${options.region}'`,
      {
        Region: options.region
      }
    );
  }
  if (claim.service !== SERVICE || claim.terminator !== 'aws4_request') {
    return authErrors.malformedHeader(
      `incorrect service "${claim.service}" or terminator "${claim.terminator}". This endpoint belongs to "${SERVICE}".`
    );
  }
  if (claim.expires === undefined) {
    if (Math.abs(now - requestTime) > MAX_SKEW_MS) {
      return authErrors.requestTimeTooSkewed(claim.requestTime!, now);
    }
  } else {
    const expires = Number(claim.expires);
    if (!/^\d+$/.test(claim.expires) || expires < 1 || expires > MAX_PRESIGNED_EXPIRES_SECONDS) {
      return authErrors.malformedQuery(
        'X-Amz-Expires must be less than a week (in seconds) that is 604800 and more than 0'
      );
    }
    if (now > requestTime + expires * 1000) {
      return authErrors.accessDenied('Request has expired', {
        'X-Amz-Expires': claim.expires,
        Expires: new Date(requestTime + expires * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
        ServerTime: new Date(now).toISOString().replace(/\.\d{3}Z$/, 'Z')
      });
    }
  }

  // S3 refuses x-amz-* headers that the signature does not cover (they could be added in transit).
  const unsigned = Object.keys(request.headers).filter(
    (name) => name.startsWith('x-amz-') && !claim.signedHeaders.includes(name)
  );
  if (unsigned.length) {
    return authErrors.accessDenied('There were headers present in the request which were not signed', {
      HeadersNotSigned: unsigned.join(', ')
    });
  }

  let payloadHash = header(request, 'x-amz-content-sha256');
  if (presigned) payloadHash ??= 'UNSIGNED-PAYLOAD';
  else if (payloadHash === undefined) {
    return new S3Error(
      400,
      'InvalidRequest',
      'Missing required header for this request: x-amz-content-sha256'
    );
  }
  if (!PAYLOAD_HASH.test(payloadHash)) {
    return new S3Error(
      400,
      'InvalidArgument',
      'x-amz-content-sha256 must be UNSIGNED-PAYLOAD, STREAMING-…, or a valid sha256 value.',
      { ArgumentName: 'x-amz-content-sha256', ArgumentValue: payloadHash }
    );
  }

  const canonicalRequest = [
    request.method,
    uri,
    canonicalQuery(presigned ? pairs.filter(([name]) => name !== 'X-Amz-Signature') : pairs),
    canonicalHeaders(request, claim.signedHeaders),
    claim.signedHeaders.join(';'),
    payloadHash
  ].join('\n');
  const scope = `${claim.date}/${claim.region}/${claim.service}/${claim.terminator}`;
  const stringToSign = [ALGORITHM, claim.requestTime, scope, sha256Hex(canonicalRequest)].join('\n');
  const expected = createHmac('sha256', signingKey(secret, claim.date, claim.region, claim.service))
    .update(stringToSign, 'utf8')
    .digest();
  const provided = Buffer.from(/^[0-9a-f]{64}$/.test(claim.signature) ? claim.signature : '', 'hex');
  if (provided.length !== expected.length || !timingSafeEqual(provided, expected)) {
    return authErrors.signatureDoesNotMatch(claim, stringToSign, canonicalRequest);
  }
  return undefined;
}
