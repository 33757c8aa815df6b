// The verifier against AWS's own published examples ("Signature Calculations for the Authorization
// Header" and "… Query Parameters" in the S3 API reference): signatures computed by AWS, not by the
// SDK, so that a shared mistake of the SDK and the verifier could not pass.
import { createHash } from 'node:crypto';

import { canonicalQuery, canonicalUri, type SignedRequest, uriEncode, verifySigV4 } from './sigv4-verifier';

const ACCESS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const HOST = 'examplebucket.s3.amazonaws.com';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const EXAMPLE_TIME = Date.UTC(2013, 4, 24);
const options = { secrets: { [ACCESS_KEY]: SECRET }, region: 'us-east-1', now: () => EXAMPLE_TIME };

function authorization(signedHeaders: string, signature: string, accessKey: string = ACCESS_KEY): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKey}/20130524/us-east-1/s3/aws4_request,SignedHeaders=${signedHeaders},Signature=${signature}`;
}

/** AWS's bucket-level GET examples: host, x-amz-content-sha256 (empty body) and x-amz-date signed. */
function bucketGet(url: string, signature: string): SignedRequest {
  return {
    method: 'GET',
    url,
    headers: {
      host: HOST,
      'x-amz-date': '20130524T000000Z',
      'x-amz-content-sha256': EMPTY_SHA256,
      authorization: authorization('host;x-amz-content-sha256;x-amz-date', signature)
    }
  };
}

const getObject: SignedRequest = {
  method: 'GET',
  url: '/test.txt',
  headers: {
    host: HOST,
    range: 'bytes=0-9',
    'x-amz-content-sha256': EMPTY_SHA256,
    'x-amz-date': '20130524T000000Z',
    authorization: authorization(
      'host;range;x-amz-content-sha256;x-amz-date',
      'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41'
    )
  }
};

describe("AWS's published examples verify", () => {
  test('GET Object with a Range header', () => {
    expect(verifySigV4(getObject, options)).toBeUndefined();
  });

  test("PUT Object of 'test$file.text' with a body hash, a Date and a storage class", () => {
    const request: SignedRequest = {
      method: 'PUT',
      url: '/test%24file.text',
      headers: {
        host: HOST,
        date: 'Fri, 24 May 2013 00:00:00 GMT',
        'x-amz-date': '20130524T000000Z',
        'x-amz-storage-class': 'REDUCED_REDUNDANCY',
        'x-amz-content-sha256': createHash('sha256').update('Welcome to Amazon S3.').digest('hex'),
        authorization: authorization(
          'date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class',
          '98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd'
        )
      }
    };
    expect(verifySigV4(request, options)).toBeUndefined();
    // The same key sent without percent-encoding has the same canonical URI.
    expect(verifySigV4({ ...request, url: '/test$file.text' }, options)).toBeUndefined();
  });

  test('GET Bucket lifecycle: a query parameter without a value', () => {
    expect(
      verifySigV4(
        bucketGet('/?lifecycle', 'fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543'),
        options
      )
    ).toBeUndefined();
  });

  test('GET Bucket (list objects): query parameters sorted by name', () => {
    expect(
      verifySigV4(
        bucketGet(
          '/?prefix=J&max-keys=2',
          '34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7'
        ),
        options
      )
    ).toBeUndefined();
  });

  test('a presigned GET (query parameters, UNSIGNED-PAYLOAD), until it expires', () => {
    const request: SignedRequest = {
      method: 'GET',
      url:
        '/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
        '&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request' +
        '&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host' +
        '&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404',
      headers: { host: HOST }
    };
    expect(verifySigV4(request, { ...options, now: () => EXAMPLE_TIME + 86_400_000 })).toBeUndefined();
    const expired = verifySigV4(request, { ...options, now: () => EXAMPLE_TIME + 86_401_000 });
    expect(expired).toMatchObject({ status: 403, code: 'AccessDenied', message: 'Request has expired' });
    const tampered = verifySigV4({ ...request, url: request.url.replace('test.txt', 'test.txu') }, options);
    expect(tampered).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });
});

describe('refusals', () => {
  test('a wrong secret answers SignatureDoesNotMatch with what S3 calculated', () => {
    const refused = verifySigV4(getObject, { ...options, secrets: { [ACCESS_KEY]: 'wrong' } });
    expect(refused).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
      message:
        'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
    });
    expect(refused?.detail).toMatchObject({
      AWSAccessKeyId: ACCESS_KEY,
      SignatureProvided: 'f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
      StringToSign:
        'AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n' +
        '7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972'
    });
  });

  test.each([
    ['a signed header', { ...getObject, headers: { ...getObject.headers, range: 'bytes=0-10' } }],
    ['the path', { ...getObject, url: '/test.tx' }],
    ['the query', { ...getObject, url: '/test.txt?versionId=1' }],
    ['the method', { ...getObject, method: 'HEAD' }]
  ])('a request whose %s changed after signing answers SignatureDoesNotMatch', (_, request) => {
    expect(verifySigV4(request, options)).toMatchObject({ status: 403, code: 'SignatureDoesNotMatch' });
  });

  test('an unknown access key answers InvalidAccessKeyId', () => {
    const request = {
      ...getObject,
      headers: { ...getObject.headers, authorization: authorization('host', '0'.repeat(64), 'AKIDUNKNOWN') }
    };
    expect(verifySigV4(request, options)).toMatchObject({
      status: 403,
      code: 'InvalidAccessKeyId',
      detail: { AWSAccessKeyId: 'AKIDUNKNOWN' }
    });
  });

  test('a request time more than 15 minutes from the clock answers RequestTimeTooSkewed; 15 minutes pass', () => {
    const fifteenMinutes = 15 * 60 * 1000;
    for (const offset of [-fifteenMinutes, fifteenMinutes]) {
      expect(verifySigV4(getObject, { ...options, now: () => EXAMPLE_TIME + offset })).toBeUndefined();
    }
    for (const offset of [-fifteenMinutes - 1000, fifteenMinutes + 1000]) {
      expect(verifySigV4(getObject, { ...options, now: () => EXAMPLE_TIME + offset })).toMatchObject({
        status: 403,
        code: 'RequestTimeTooSkewed',
        detail: { RequestTime: '20130524T000000Z', MaxAllowedSkewMilliseconds: '900000' }
      });
    }
  });

  test('a request without authentication answers AccessDenied', () => {
    expect(verifySigV4({ method: 'GET', url: '/test.txt', headers: { host: HOST } }, options)).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Access Denied'
    });
  });

  test('an x-amz-* header outside SignedHeaders answers AccessDenied', () => {
    const request = { ...getObject, headers: { ...getObject.headers, 'x-amz-meta-added': 'later' } };
    expect(verifySigV4(request, options)).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      detail: { HeadersNotSigned: 'x-amz-meta-added' }
    });
  });

  test('a scope with another region answers AuthorizationHeaderMalformed', () => {
    expect(verifySigV4(getObject, { ...options, region: 'eu-west-1' })).toMatchObject({
      status: 400,
      code: 'AuthorizationHeaderMalformed',
      detail: { Region: 'eu-west-1' }
    });
  });

  test('Signature Version 2 is refused', () => {
    const request = {
      ...getObject,
      headers: { ...getObject.headers, authorization: 'AWS AKID:c2lnbmF0dXJl' }
    };
    expect(verifySigV4(request, options)).toMatchObject({ status: 400, code: 'InvalidRequest' });
  });
});

describe('canonical forms', () => {
  test('UriEncode keeps only A-Z a-z 0-9 - . _ ~ and encodes UTF-8 bytes in upper-case hex', () => {
    expect(uriEncode("a+b=c&d;e,f@g$h!i'j(k)l*m~n ü/")).toBe(
      'a%2Bb%3Dc%26d%3Be%2Cf%40g%24h%21i%27j%28k%29l%2Am~n%20%C3%BC%2F'
    );
    expect(uriEncode('a/b', true)).toBe('a/b');
  });

  test("the canonical URI encodes each segment once (no double encoding) and keeps '.', '..' and empty segments", () => {
    expect(canonicalUri('/bucket/a%20b/%2541')).toBe('/bucket/a%20b/%2541');
    expect(canonicalUri('/bucket/./../x//y/')).toBe('/bucket/./../x//y/');
    expect(canonicalUri('/bucket/caf%C3%A9*')).toBe('/bucket/caf%C3%A9%2A');
  });

  test('the canonical query sorts by encoded name then value', () => {
    expect(
      canonicalQuery([
        ['prefix', 'a b'],
        ['list-type', '2'],
        ['b', '2'],
        ['b', '1'],
        ['uploads', '']
      ])
    ).toBe('b=1&b=2&list-type=2&prefix=a%20b&uploads=');
  });
});
