import { createHash } from 'node:crypto';

import { mergeSegments, sliceSegments } from './content-segments';
import { checkCopySourcePreconditions, parseCopySource } from './copy-source';
import { md5Hex } from './checksums';
import type { PartRecord } from './multipart-store';
import { storedMetadataFromHeaders } from './object-store';
import { readBody, readRequestPayload } from './request-payload';
import { header, lockName, requireKey, sendXml, type S3HandlerContext } from './s3-handler-context';
import { S3Error, s3Errors } from './s3-error';
import { checkWritePreconditions } from './write-preconditions';
import { elementText, elementTexts, xmlDocument } from './xml';

async function requireUpload(context: S3HandlerContext, key: string) {
  const uploadId = context.target.query.get('uploadId') ?? '';
  const upload = await context.uploads.get(context.target.bucket, uploadId);
  if (!upload || upload.key !== key) throw s3Errors.noSuchUpload(uploadId);
  return upload;
}

function partNumberOf(context: S3HandlerContext): number {
  const text = context.target.query.get('partNumber') ?? '';
  const partNumber = Number(text);
  if (!/^\d+$/.test(text) || partNumber < 1 || partNumber > 10000) {
    throw s3Errors.invalidArgument(
      'Part number must be an integer between 1 and 10000, inclusive',
      'partNumber',
      text
    );
  }
  return partNumber;
}

export async function handleCreateMultipartUpload(context: S3HandlerContext): Promise<void> {
  const key = requireKey(context);
  await readBody(context.req);
  const upload = await context.uploads.create(
    context.target.bucket,
    key,
    storedMetadataFromHeaders(context.req.headers)
  );
  sendXml(
    context.res,
    200,
    xmlDocument('InitiateMultipartUploadResult', {
      Bucket: upload.bucket,
      Key: key,
      UploadId: upload.uploadId
    })
  );
}

export async function handleUploadPart(context: S3HandlerContext): Promise<void> {
  const { res } = context;
  const key = requireKey(context);
  const partNumber = partNumberOf(context);
  const { payload, wireBytes, checksums } = await readRequestPayload(context.req);
  context.countWireBytes(wireBytes);
  const upload = await requireUpload(context, key);
  const temporary = await context.store.writeTemporary(payload);
  const md5 = md5Hex(payload);
  await context.uploads.commitPart(upload.bucket, upload.uploadId, partNumber, temporary, md5);
  res.setHeader('ETag', JSON.stringify(md5));
  for (const [algorithm, value] of Object.entries(checksums))
    res.setHeader(`x-amz-checksum-${algorithm}`, value);
  res.statusCode = 200;
  res.end();
}

/**
 * The ETag of a copied part: MD5 of the source's ETag and the range, not of the bytes. S3 documents
 * part ETags as opaque (CompleteMultipartUpload only needs them to match), and hashing the bytes
 * would make every copy cost O(part size) — the cost UploadPartCopy exists to avoid. Deterministic:
 * the same range of the same source version always gets the same tag.
 */
export function copiedPartTag(sourceEtag: string, start: number, endInclusive: number): string {
  return createHash('md5').update(`${sourceEtag} bytes=${start}-${endInclusive}`).digest('hex');
}

/**
 * UploadPartCopy: a part made of a source object or a byte range of it (`x-amz-copy-source-range:
 * bytes=a-b`). The part is recorded as hard links to the source's files, not copied (see MultipartStore).
 */
export async function handleUploadPartCopy(context: S3HandlerContext): Promise<void> {
  const { req, store } = context;
  const key = requireKey(context);
  const partNumber = partNumberOf(context);
  await readBody(req);
  const upload = await requireUpload(context, key);
  const source = parseCopySource(header(req, 'x-amz-copy-source') ?? '');
  if (!(await store.bucketExists(source.bucket))) throw s3Errors.noSuchBucket(source.bucket);
  const release = await context.locks.acquireShared(lockName(source.bucket, source.key));
  let part: PartRecord;
  try {
    const info = await store.getInfo(source.bucket, source.key);
    if (!info) throw s3Errors.noSuchKey(source.key);
    checkCopySourcePreconditions(req, info);
    const rangeHeader = header(req, 'x-amz-copy-source-range');
    let start = 0;
    let end = info.size - 1;
    if (rangeHeader !== undefined) {
      const match = /^bytes=(\d+)-(\d+)$/.exec(rangeHeader.trim());
      if (!match || Number(match[1]) > Number(match[2]) || Number(match[2]) >= info.size) {
        throw s3Errors.invalidArgument(
          `Range specified is not valid for source object of size: ${info.size}`,
          'x-amz-copy-source-range',
          rangeHeader
        );
      }
      start = Number(match[1]);
      end = Number(match[2]);
    }
    // Linked while the shared lock keeps this version's files in place.
    part = await context.uploads.commitCopiedPart(
      upload.bucket,
      upload.uploadId,
      partNumber,
      sliceSegments(info.segments, start, end),
      copiedPartTag(info.etag, start, end)
    );
  } finally {
    release();
  }
  sendXml(
    context.res,
    200,
    xmlDocument('CopyPartResult', { LastModified: part.lastModified, ETag: JSON.stringify(part.md5) })
  );
}

export async function handleListParts(context: S3HandlerContext): Promise<void> {
  const key = requireKey(context);
  const upload = await requireUpload(context, key);
  const marker = Number(context.target.query.get('part-number-marker') ?? '0');
  const maxParts = Math.min(1000, Number(context.target.query.get('max-parts') ?? '1000'));
  const all = (await context.uploads.parts(upload.bucket, upload.uploadId)).filter(
    (p) => p.partNumber > marker
  );
  const page = all.slice(0, maxParts);
  const truncated = all.length > page.length;
  sendXml(
    context.res,
    200,
    xmlDocument('ListPartsResult', {
      Bucket: upload.bucket,
      Key: key,
      UploadId: upload.uploadId,
      PartNumberMarker: marker,
      NextPartNumberMarker: page.length ? page[page.length - 1].partNumber : marker,
      MaxParts: maxParts,
      IsTruncated: truncated,
      StorageClass: 'STANDARD',
      Part: page.map((p) => ({
        PartNumber: p.partNumber,
        LastModified: p.lastModified,
        ETag: JSON.stringify(p.md5),
        Size: p.size
      }))
    })
  );
}

export async function handleAbortMultipartUpload(context: S3HandlerContext): Promise<void> {
  const { res } = context;
  const key = requireKey(context);
  await readBody(context.req);
  const upload = await requireUpload(context, key);
  await context.uploads.remove(upload.bucket, upload.uploadId);
  res.statusCode = 204;
  res.end();
}

export async function handleListMultipartUploads(context: S3HandlerContext): Promise<void> {
  const prefix = context.target.query.get('prefix') ?? '';
  const uploads = (await context.uploads.list(context.target.bucket))
    .filter((u) => u.key.startsWith(prefix))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated.localeCompare(b.initiated)));
  sendXml(
    context.res,
    200,
    xmlDocument('ListMultipartUploadsResult', {
      Bucket: context.target.bucket,
      Prefix: prefix,
      MaxUploads: 1000,
      IsTruncated: false,
      Upload: uploads.map((u) => ({
        Key: u.key,
        UploadId: u.uploadId,
        Initiated: u.initiated,
        StorageClass: 'STANDARD'
      }))
    })
  );
}

/** The ETag S3 gives a multipart object: MD5 of the parts' binary MD5s, then `-<part count>`. */
export function multipartEtag(partMd5s: string[]): string {
  const hash = createHash('md5');
  for (const md5 of partMd5s) hash.update(Buffer.from(md5, 'hex'));
  return `${hash.digest('hex')}-${partMd5s.length}`;
}

/**
 * CompleteMultipartUpload: checks the part list as S3 does (ascending, each part uploaded with that
 * ETag, every part but the last at least the minimum part size), assembles the object from the parts'
 * files without copying bytes (a composite object, see ObjectStore), then under the key's exclusive
 * lock checks If-None-Match / If-Match and renames it into place.
 */
export async function handleCompleteMultipartUpload(context: S3HandlerContext): Promise<void> {
  const { req, store } = context;
  const key = requireKey(context);
  const { payload, wireBytes } = await readRequestPayload(req);
  context.countWireBytes(wireBytes);
  const upload = await requireUpload(context, key);
  const xml = payload.toString('utf8');
  const requested = elementTexts(xml, 'Part').map((partXml) => ({
    partNumber: Number(elementText(partXml, 'PartNumber')),
    etag: (elementText(partXml, 'ETag') ?? '').replace(/"/g, '')
  }));
  if (requested.length === 0) throw s3Errors.malformedXml();
  const uploaded = new Map<number, PartRecord>();
  for (const part of await context.uploads.parts(upload.bucket, upload.uploadId))
    uploaded.set(part.partNumber, part);
  const chosen: PartRecord[] = [];
  requested.forEach((part, index) => {
    if (index > 0 && part.partNumber <= requested[index - 1].partNumber) {
      throw new S3Error(
        400,
        'InvalidPartOrder',
        'The list of parts was not in ascending order. Parts must be ordered by part number.'
      );
    }
    const record = uploaded.get(part.partNumber);
    if (!record || record.md5 !== part.etag) {
      throw new S3Error(
        400,
        'InvalidPart',
        "One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
        { PartNumber: String(part.partNumber), ETag: part.etag }
      );
    }
    chosen.push(record);
  });
  chosen.forEach((part, index) => {
    if (index < chosen.length - 1 && part.size < context.minimumPartSize) {
      throw new S3Error(
        400,
        'EntityTooSmall',
        'Your proposed upload is smaller than the minimum allowed size',
        {
          ProposedSize: String(part.size),
          MinSizeAllowed: String(context.minimumPartSize),
          PartNumber: String(part.partNumber),
          ETag: part.md5
        }
      );
    }
  });
  const etagValue = multipartEtag(chosen.map((p) => p.md5));
  const prepared = await store.prepareFromSegments(
    mergeSegments(chosen.flatMap((p) => context.uploads.partSegments(upload.bucket, upload.uploadId, p))),
    etagValue,
    upload.metadata
  );
  let size = 0;
  try {
    const release = await context.locks.acquireExclusive(lockName(upload.bucket, key));
    try {
      checkWritePreconditions(req, key, await store.getInfo(upload.bucket, key));
      size = (await store.commit(upload.bucket, key, prepared)).size;
      context.recordChange({
        bucket: upload.bucket,
        key,
        eventName: 'ObjectCreated:CompleteMultipartUpload',
        size,
        eTag: etagValue
      });
    } finally {
      release();
    }
  } finally {
    await store.discard(prepared);
  }
  await context.uploads.remove(upload.bucket, upload.uploadId);
  const host = header(req, 'host') ?? 'localhost';
  sendXml(
    context.res,
    200,
    xmlDocument('CompleteMultipartUploadResult', {
      Location: `http://${host}/${upload.bucket}/${encodeURIComponent(key).replace(/%2F/g, '/')}`,
      Bucket: upload.bucket,
      Key: key,
      ETag: JSON.stringify(etagValue)
    })
  );
}
