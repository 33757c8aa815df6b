import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';

/**
 * The S3 client every lambda uses: the SDK's standard retry strategy (exponential backoff with jitter),
 * checksums only where S3 requires them (keeps uploads byte-exact on S3-compatible stores too), and
 * path-style addressing when an endpoint override (`AWS_ENDPOINT_URL_S3`, local stack) is in use.
 */
export function createS3Client(overrides: S3ClientConfig = {}): S3Client {
  const endpoint = overrides.endpoint ?? process.env.AWS_ENDPOINT_URL_S3;
  return new S3Client({
    maxAttempts: 5,
    retryMode: 'standard',
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    ...(endpoint ? { endpoint, forcePathStyle: true } : {}),
    ...overrides
  });
}
