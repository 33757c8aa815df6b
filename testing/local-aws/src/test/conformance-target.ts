import { randomBytes } from 'node:crypto';

import {
  CreateBucketCommand,
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListMultipartUploadsCommand,
  AbortMultipartUploadCommand,
  ListObjectsV2Command,
  S3Client,
  type S3ClientConfig
} from '@aws-sdk/client-s3';

import { createLocalS3Client } from '../clients';
import { LocalS3 } from '../s3/local-s3';

/**
 * Where the conformance suite runs. By default: this library's local S3. Set CONFORMANCE_S3_ENDPOINT
 * (and CONFORMANCE_S3_ACCESS_KEY_ID, CONFORMANCE_S3_SECRET_ACCESS_KEY, optionally CONFORMANCE_S3_REGION,
 * CONFORMANCE_S3_BUCKET to use an existing bucket, CONFORMANCE_S3_FORCE_PATH_STYLE=false) to run the same
 * expectations against MinIO, LocalStack or S3 itself.
 */
export interface ConformanceTarget {
  /** Undefined when the suite runs against an external endpoint. */
  local: LocalS3 | undefined;
  bucket: string;
  /** Every key a test writes starts with this, so runs never collide in a shared bucket. */
  prefix: string;
  client(overrides?: S3ClientConfig): S3Client;
  close(): Promise<void>;
}

const external = process.env.CONFORMANCE_S3_ENDPOINT;

/** True when the suite runs against this library (tests of local-only levers check this). */
export const isLocalTarget: boolean = !external;

export async function openConformanceTarget(name: string): Promise<ConformanceTarget> {
  const run = randomBytes(4).toString('hex');
  const clients: S3Client[] = [];
  let local: LocalS3 | undefined;
  let makeClient: (overrides?: S3ClientConfig) => S3Client;
  if (external) {
    makeClient = (overrides = {}) =>
      new S3Client({
        endpoint: external,
        region: process.env.CONFORMANCE_S3_REGION ?? 'us-east-1',
        forcePathStyle: process.env.CONFORMANCE_S3_FORCE_PATH_STYLE !== 'false',
        credentials: {
          accessKeyId: process.env.CONFORMANCE_S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: process.env.CONFORMANCE_S3_SECRET_ACCESS_KEY ?? ''
        },
        ...overrides
      });
  } else {
    local = await LocalS3.start();
    const endpoint = local.endpoint;
    makeClient = (overrides) => createLocalS3Client(endpoint, overrides);
  }
  const client = (overrides?: S3ClientConfig): S3Client => {
    const created = makeClient(overrides);
    clients.push(created);
    return created;
  };
  const sharedBucket = process.env.CONFORMANCE_S3_BUCKET;
  const bucket = sharedBucket ?? `conformance-${name}-${run}`.slice(0, 63);
  const admin = client();
  if (!sharedBucket) await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  const prefix = `conformance-${run}/`;
  return {
    local,
    bucket,
    prefix,
    client,
    async close() {
      try {
        const uploads = await admin.send(new ListMultipartUploadsCommand({ Bucket: bucket, Prefix: prefix }));
        for (const upload of uploads.Uploads ?? []) {
          await admin.send(
            new AbortMultipartUploadCommand({ Bucket: bucket, Key: upload.Key!, UploadId: upload.UploadId! })
          );
        }
        let token: string | undefined;
        do {
          const page = await admin.send(
            new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })
          );
          const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
          if (keys.length)
            await admin.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
          token = page.NextContinuationToken;
        } while (token);
        if (!sharedBucket) await admin.send(new DeleteBucketCommand({ Bucket: bucket }));
      } finally {
        for (const created of clients) created.destroy();
        await local?.stop();
      }
    }
  };
}

/** The SDK error's S3 code and HTTP status, for expectations on failures. */
export async function s3Failure(
  promise: Promise<unknown>
): Promise<{ name: string; status: number | undefined }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return { name: e.name, status: e.$metadata?.httpStatusCode };
  }
  throw new Error('expected the request to fail, but it succeeded');
}
