import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
  UploadPartCommand,
  UploadPartCopyCommand
} from '@aws-sdk/client-s3';

import {
  type ObjectStore,
  PreconditionFailedError,
  S3_MINIMUM_PART_BYTES,
  type TailRead,
  type WriteCondition,
  type WriteResult
} from './object-store';

/**
 * ObjectStore on one S3 bucket. Create the client with
 * `requestChecksumCalculation: 'WHEN_REQUIRED'` and `responseChecksumValidation: 'WHEN_REQUIRED'`
 * (S3 needs no extra checksums here, and S3 stand-ins mishandle the default aws-chunked uploads).
 */
export class S3ObjectStore implements ObjectStore {
  public readonly minimumPrefixBytes: number = S3_MINIMUM_PART_BYTES;

  public constructor(
    private readonly _client: S3Client,
    public readonly bucket: string
  ) {}

  public async readTail(key: string, length: number): Promise<TailRead | undefined> {
    try {
      const response = await this._client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: `bytes=-${length}` })
      );
      const bytes = await bodyBytes(response.Body);
      const size = totalSize(response.ContentRange) ?? bytes.length;
      return { bytes, etag: requireEtag(response.ETag), size };
    } catch (error) {
      if (isNamed(error, 'NoSuchKey') || statusOf(error) === 404) return undefined;
      // An empty object has no bytes to range over.
      if (isNamed(error, 'InvalidRange') || statusOf(error) === 416) return this._readEmpty(key);
      throw error;
    }
  }

  public async readRange(key: string, start: number, end: number, etag: string): Promise<Uint8Array> {
    if (end <= start) return new Uint8Array(0);
    try {
      const response = await this._client.send(
        new GetObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Range: `bytes=${start}-${end - 1}`,
          IfMatch: etag
        })
      );
      const bytes = await bodyBytes(response.Body);
      if (bytes.length !== end - start) {
        throw new Error(
          `range ${start}-${end - 1} of s3://${this.bucket}/${key} returned ${bytes.length} bytes`
        );
      }
      return bytes;
    } catch (error) {
      throw asPrecondition(error, key);
    }
  }

  public async write(key: string, body: Uint8Array, condition: WriteCondition): Promise<WriteResult> {
    try {
      const response = await this._client.send(
        new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: body, ...conditionHeaders(condition) })
      );
      return { etag: requireEtag(response.ETag) };
    } catch (error) {
      throw asPrecondition(error, key);
    }
  }

  public async writeWithCopiedPrefix(
    key: string,
    prefix: { etag: string; length: number },
    tail: Uint8Array,
    condition: WriteCondition
  ): Promise<WriteResult> {
    const created = await this._client.send(
      new CreateMultipartUploadCommand({ Bucket: this.bucket, Key: key })
    );
    const uploadId = created.UploadId as string;
    try {
      const [copied, uploaded] = await Promise.all([
        this._client.send(
          new UploadPartCopyCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: 1,
            CopySource: `${this.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
            CopySourceRange: `bytes=0-${prefix.length - 1}`,
            CopySourceIfMatch: prefix.etag
          })
        ),
        this._client.send(
          new UploadPartCommand({
            Bucket: this.bucket,
            Key: key,
            UploadId: uploadId,
            PartNumber: 2,
            Body: tail
          })
        )
      ]);
      const response = await this._client.send(
        new CompleteMultipartUploadCommand({
          Bucket: this.bucket,
          Key: key,
          UploadId: uploadId,
          MultipartUpload: {
            Parts: [
              { PartNumber: 1, ETag: copied.CopyPartResult?.ETag },
              { PartNumber: 2, ETag: uploaded.ETag }
            ]
          },
          ...conditionHeaders(condition)
        })
      );
      return { etag: requireEtag(response.ETag) };
    } catch (error) {
      await this._client
        .send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key: key, UploadId: uploadId }))
        .catch(() => undefined); // best effort: a lifecycle rule should expire leftovers
      throw asPrecondition(error, key);
    }
  }

  private async _readEmpty(key: string): Promise<TailRead | undefined> {
    try {
      const head = await this._client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: new Uint8Array(0), etag: requireEtag(head.ETag), size: head.ContentLength ?? 0 };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

function conditionHeaders(condition: WriteCondition): { IfMatch?: string; IfNoneMatch?: string } {
  return 'ifMatch' in condition ? { IfMatch: condition.ifMatch } : { IfNoneMatch: '*' };
}

async function bodyBytes(body: unknown): Promise<Uint8Array> {
  if (body === undefined || body === null) return new Uint8Array(0);
  return (body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray();
}

function totalSize(contentRange: string | undefined): number | undefined {
  const match = /\/(\d+)$/.exec(contentRange ?? '');
  return match ? Number(match[1]) : undefined;
}

function requireEtag(etag: string | undefined): string {
  if (etag === undefined || etag === '') throw new Error('S3 response has no ETag');
  return etag;
}

function statusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

function isNamed(error: unknown, name: string): boolean {
  return (error as { name?: string } | undefined)?.name === name;
}

/** 412 (condition false), 409 (concurrent conditional write) and 404 (If-Match on a vanished object) are all lost races. */
function asPrecondition(error: unknown, key: string): unknown {
  const status = statusOf(error);
  if (
    status === 412 ||
    status === 409 ||
    status === 404 ||
    isNamed(error, 'PreconditionFailed') ||
    isNamed(error, 'ConditionalRequestConflict')
  ) {
    return new PreconditionFailedError(
      `conditional request on ${key} lost (${String((error as Error).name)})`
    );
  }
  return error;
}
