import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * The S3 client every lambda uses: the SDK's standard retry strategy (exponential backoff with jitter),
 * the SDK's default request checksums (a CRC32 with every upload and part, which S3 — and the local
 * S3 — verify before storing), response checksums validated only where required, and path-style
 * addressing when an endpoint override (`AWS_ENDPOINT_URL_S3`, local stack) is in use.
 */
export function createS3Client(overrides: S3ClientConfig = {}): S3Client {
  const endpoint = overrides.endpoint ?? process.env.AWS_ENDPOINT_URL_S3;
  return new S3Client({
    maxAttempts: 5,
    retryMode: 'standard',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...overrides
  });
}
