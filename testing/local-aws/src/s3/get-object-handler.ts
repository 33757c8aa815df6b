import { resolveByteRange } from './byte-range';
import { type OpenSegment, sliceSegments, streamOpenSegments } from './content-segments';
import { evaluateReadPreconditions } from './read-preconditions';
import { header, lockName, requireKey, type S3HandlerContext } from './s3-handler-context';
import { s3Errors } from './s3-error';

const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-cache-control': 'Cache-Control',
  'response-content-disposition': 'Content-Disposition',
  'response-content-encoding': 'Content-Encoding',
  'response-content-language': 'Content-Language',
  'response-content-type': 'Content-Type',
  'response-expires': 'Expires'
};

/**
 * GetObject and HeadObject: conditional headers, single byte ranges including the suffix form, stored
 * metadata and response-* overrides. The key's shared lock is held only while the metadata is read and
 * the file opened; the open handle keeps the bytes of that version even if the key is overwritten.
 */
export async function handleGetObject(context: S3HandlerContext): Promise<void> {
  const { req, res, store, target } = context;
  const key = requireKey(context);
  const release = await context.locks.acquireShared(lockName(target.bucket, key));
  let info;
  let opened: OpenSegment[] | undefined;
  // Only the files holding the requested bytes are opened (a composite object may have many).
  let openedFrom = 0;
  try {
    info = await store.getInfo(target.bucket, key);
    if (!info) throw s3Errors.noSuchKey(key);
    const outcome = evaluateReadPreconditions(
      {
        ifMatch: header(req, 'if-match'),
        ifNoneMatch: header(req, 'if-none-match'),
        ifModifiedSince: header(req, 'if-modified-since'),
        ifUnmodifiedSince: header(req, 'if-unmodified-since')
      },
      info
    );
    if (outcome === 'precondition-failed') {
      throw s3Errors.preconditionFailed(
        header(req, 'if-match') !== undefined ? 'If-Match' : 'If-Unmodified-Since'
      );
    }
    if (outcome === 'not-modified') {
      res.statusCode = 304;
      res.setHeader('ETag', info.etag);
      res.setHeader('Last-Modified', info.lastModified.toUTCString());
      res.end();
      return;
    }
    if (req.method !== 'HEAD') {
      const wanted = resolveByteRange(header(req, 'range'), info.size);
      if (wanted === 'ignore') opened = await store.openContent(info.segments);
      else if (wanted !== 'unsatisfiable') {
        openedFrom = wanted.start;
        opened = await store.openContent(sliceSegments(info.segments, wanted.start, wanted.end));
      }
    }
  } finally {
    release();
  }

  const rangeHeader = header(req, 'range');
  const range = resolveByteRange(rangeHeader, info.size);
  const closeAll = async (): Promise<void> => {
    for (const handle of new Set(opened?.map((o) => o.handle))) await handle.close();
  };
  if (range === 'unsatisfiable') {
    await closeAll();
    throw s3Errors.invalidRange(rangeHeader ?? '', info.size);
  }
  for (const [name, value] of Object.entries(info.metadata)) res.setHeader(name, value);
  for (const [parameter, headerName] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = target.query.get(parameter);
    if (value !== null) res.setHeader(headerName, value);
  }
  res.setHeader('ETag', info.etag);
  res.setHeader('Last-Modified', info.lastModified.toUTCString());
  res.setHeader('Accept-Ranges', 'bytes');
  let start = 0;
  let end = info.size - 1;
  if (range === 'ignore') {
    res.statusCode = 200;
  } else {
    ({ start, end } = range);
    res.statusCode = 206;
    res.setHeader('Content-Range', `bytes ${start}-${end}/${info.size}`);
  }
  res.setHeader('Content-Length', Math.max(0, end - start + 1));
  if (!opened || end < start) {
    await closeAll();
    res.end();
    return;
  }
  const stream = streamOpenSegments(opened, start - openedFrom, end - openedFrom);
  await new Promise<void>((resolve) => {
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
