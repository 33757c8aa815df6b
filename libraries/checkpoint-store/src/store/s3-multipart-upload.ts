import {
  AbortMultipartUploadCommand,
  type CompletedPart,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  type S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';

import type { ObjectUpload, WriteCondition, WriteResult } from './object-store';
import { conditionHeaders, requireEtag } from './s3-conditional-write';

/** S3's largest number of parts in one multipart upload. */
const MAXIMUM_PARTS = 10_000;

export interface S3MultipartUploadOptions {
  readonly client: S3Client;
  readonly bucket: string;
  readonly key: string;
  readonly condition: WriteCondition;
  /** Size of every part but the last (at least S3's 5 MiB). */
  readonly partBytes: number;
  /** Parts on the wire at once; `append` waits while this many are. */
  readonly partsInFlight: number;
  /** Writes an object smaller than one part with one conditional PUT (no multipart upload). */
  readonly writeWhole: (body: Uint8Array) => Promise<WriteResult>;
  /** Maps an SDK error to PreconditionFailedError when it is a lost conditional request. */
  readonly asPrecondition: (error: unknown) => unknown;
}

/**
 * An object streamed to S3 in fixed-size parts as its bytes are appended: the multipart upload starts
 * with the first full part, each part is copied into one of `partsInFlight + 1` reused buffers (a
 * Buffer body, so the SDK can retry a part and checksum it without aws-chunked encoding), and
 * CompleteMultipartUpload carries the write condition, so the object appears whole or not at all. An
 * object smaller than one part is one conditional PUT.
 */
export class S3MultipartUpload implements ObjectUpload {
  private readonly _pool: Buffer[] = [];
  private _filling: Buffer | undefined;
  private _filled = 0;
  private _uploadId: Promise<string> | undefined;
  private readonly _parts: Promise<CompletedPart>[] = [];

  public constructor(private readonly _options: S3MultipartUploadOptions) {}

  public async append(chunks: readonly Uint8Array[]): Promise<void> {
    const { partBytes, partsInFlight } = this._options;
    for (const chunk of chunks) {
      let offset = 0;
      while (offset < chunk.length) {
        this._filling ??= this._pool.pop() ?? Buffer.allocUnsafe(partBytes);
        const take = Math.min(chunk.length - offset, partBytes - this._filled);
        this._filling.set(chunk.subarray(offset, offset + take), this._filled);
        this._filled += take;
        offset += take;
        if (this._filled === partBytes) {
          this._sendPart();
          // At most `partsInFlight` on the wire once the next part is sent: wait until fewer are.
          const waitFor = this._parts[this._parts.length - partsInFlight];
          if (waitFor !== undefined) await waitFor;
        }
      }
    }
  }

  public async complete(): Promise<WriteResult> {
    const { client, bucket, key, condition } = this._options;
    if (this._uploadId === undefined) {
      const body = this._filling?.subarray(0, this._filled) ?? new Uint8Array(0);
      return this._options.writeWhole(body);
    }
    if (this._filled > 0) this._sendPart();
    try {
      const parts = await Promise.all(this._parts);
      const response = await client.send(
        new CompleteMultipartUploadCommand({
          Bucket: bucket,
          Key: key,
          UploadId: await this._uploadId,
          MultipartUpload: { Parts: parts },
          ...conditionHeaders(condition)
        })
      );
      return { etag: requireEtag(response.ETag) };
    } catch (error) {
      await this.abort();
      throw this._options.asPrecondition(error);
    }
  }

  public async abort(): Promise<void> {
    this._filling = undefined;
    this._filled = 0;
    if (this._uploadId === undefined) return;
    await Promise.allSettled(this._parts);
    const { client, bucket, key } = this._options;
    const uploadId = await this._uploadId.catch(() => undefined);
    if (uploadId === undefined) return;
    await client
      .send(new AbortMultipartUploadCommand({ Bucket: bucket, Key: key, UploadId: uploadId }))
      .catch(() => undefined); // best effort: a lifecycle rule expires incomplete uploads
  }

  /** Sends the part being filled (full, or the last one) and starts filling another buffer. */
  private _sendPart(): void {
    const { client, bucket, key } = this._options;
    const buffer = this._filling as Buffer;
    const body = buffer.subarray(0, this._filled);
    const partNumber = this._parts.length + 1;
    if (partNumber > MAXIMUM_PARTS) {
      throw new RangeError(`s3://${bucket}/${key}: more than ${MAXIMUM_PARTS} parts; raise the part size`);
    }
    this._uploadId ??= client
      .send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }))
      .then((created) => created.UploadId as string);
    const uploadId = this._uploadId;
    const part = (async (): Promise<CompletedPart> => {
      try {
        const uploaded = await client.send(
          new UploadPartCommand({
            Bucket: bucket,
            Key: key,
            UploadId: await uploadId,
            PartNumber: partNumber,
            Body: body
          })
        );
        return { PartNumber: partNumber, ETag: uploaded.ETag };
      } finally {
        this._pool.push(buffer); // sent (or failed): the buffer takes another part
      }
    })();
    part.catch(() => undefined); // observed by `append`, `complete` or `abort`
    this._parts.push(part);
    this._filling = undefined;
    this._filled = 0;
  }
}
