import { checkCopySourcePreconditions, parseCopySource } from './copy-source';
import { md5Hex } from './checksums';
import { storedMetadataFromHeaders } from './object-store';
import { readBody, readRequestPayload } from './request-payload';
import { header, lockName, requireKey, sendXml, type S3HandlerContext } from './s3-handler-context';
import { S3Error, s3Errors } from './s3-error';
import { checkWritePreconditions } from './write-preconditions';
import { elementText, elementTexts, escapeXml, xmlDocument } from './xml';

/**
 * PutObject: the body is received and verified (aws-chunked framing removed, checksums checked) into a
 * temporary file before the key is locked; under the exclusive lock the conditions are checked and the
 * file renamed into place. A concurrent reader sees the old object or the new one, and of concurrent
 * conditional writers exactly one succeeds.
 */
export async function handlePutObject(context: S3HandlerContext): Promise<void> {
  const { req, res, store, target } = context;
  const key = requireKey(context);
  const { payload, wireBytes, checksums } = await readRequestPayload(req);
  context.countWireBytes(wireBytes);
  const etagValue = md5Hex(payload);
  const metadata = storedMetadataFromHeaders(req.headers);
  const prepared = await store.prepare(payload, etagValue, metadata);
  try {
    const release = await context.locks.acquireExclusive(lockName(target.bucket, key));
    try {
      checkWritePreconditions(req, key, await store.getInfo(target.bucket, key));
      const stored = await store.commit(target.bucket, key, prepared);
      context.recordChange({
        bucket: target.bucket,
        key,
        eventName: 'ObjectCreated:Put',
        size: stored.size,
        eTag: etagValue
      });
    } finally {
      release();
    }
  } finally {
    await store.discard(prepared);
  }
  res.setHeader('ETag', JSON.stringify(etagValue));
  for (const [algorithm, value] of Object.entries(checksums))
    res.setHeader(`x-amz-checksum-${algorithm}`, value);
  res.statusCode = 200;
  res.end();
}

/** CopyObject (within this server), with the copy-source conditions and metadata directive. */
export async function handleCopyObject(context: S3HandlerContext): Promise<void> {
  const { req, res, store, target } = context;
  const key = requireKey(context);
  await readBody(req);
  const source = parseCopySource(header(req, 'x-amz-copy-source') ?? '');
  const replace = header(req, 'x-amz-metadata-directive') === 'REPLACE';
  if (source.bucket === target.bucket && source.key === key && !replace) {
    throw new S3Error(
      400,
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes."
    );
  }
  if (!(await store.bucketExists(source.bucket))) throw s3Errors.noSuchBucket(source.bucket);
  const release = await context.locks.acquireMany([
    { name: lockName(source.bucket, source.key), exclusive: false },
    { name: lockName(target.bucket, key), exclusive: true }
  ]);
  let stored;
  try {
    const sourceInfo = await store.getInfo(source.bucket, source.key);
    if (!sourceInfo) throw s3Errors.noSuchKey(source.key);
    checkCopySourcePreconditions(req, sourceInfo);
    // The copy links the source's files (O(1)); object files are never modified in place.
    const prepared = await store.prepareFromSegments(
      sourceInfo.segments,
      sourceInfo.etag.replace(/"/g, ''),
      replace ? storedMetadataFromHeaders(req.headers) : sourceInfo.metadata
    );
    try {
      const etagValue = prepared.etagValue;
      stored = await store.commit(target.bucket, key, prepared);
      context.recordChange({
        bucket: target.bucket,
        key,
        eventName: 'ObjectCreated:Copy',
        size: stored.size,
        eTag: etagValue
      });
    } finally {
      await store.discard(prepared);
    }
  } finally {
    release();
  }
  sendXml(
    res,
    200,
    xmlDocument('CopyObjectResult', { LastModified: stored.lastModified.toISOString(), ETag: stored.etag })
  );
}

async function deleteOne(context: S3HandlerContext, key: string): Promise<void> {
  const bucket = context.target.bucket;
  const release = await context.locks.acquireExclusive(lockName(bucket, key));
  try {
    if (await context.store.delete(bucket, key)) {
      context.recordChange({ bucket, key, eventName: 'ObjectRemoved:Delete' });
    }
  } finally {
    release();
  }
}

/** DeleteObject: 204 whether or not the key existed (S3 has no "not found" for deletes). */
export async function handleDeleteObject(context: S3HandlerContext): Promise<void> {
  const { req, res } = context;
  await readBody(req);
  await deleteOne(context, requireKey(context));
  res.statusCode = 204;
  res.end();
}

/** DeleteObjects: up to 1,000 keys; Quiet mode reports only errors. */
export async function handleDeleteObjects(context: S3HandlerContext): Promise<void> {
  const { payload, wireBytes } = await readRequestPayload(context.req);
  context.countWireBytes(wireBytes);
  const xml = payload.toString('utf8');
  if (!xml.includes('<Delete')) throw s3Errors.malformedXml();
  const keys = elementTexts(xml, 'Object').map((objectXml) => {
    const key = elementText(objectXml, 'Key');
    if (key === undefined) throw s3Errors.malformedXml();
    return key;
  });
  if (keys.length === 0 || keys.length > 1000) throw s3Errors.malformedXml();
  const quiet = elementText(xml, 'Quiet') === 'true';
  for (const key of keys) await deleteOne(context, key);
  const deleted = quiet ? '' : keys.map((key) => `<Deleted><Key>${escapeXml(key)}</Key></Deleted>`).join('');
  sendXml(
    context.res,
    200,
    `<?xml version="1.0" encoding="UTF-8"?>\n<DeleteResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">${deleted}</DeleteResult>`
  );
}
