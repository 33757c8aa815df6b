import { decodeContinuationToken, encodeContinuationToken, type Page, paginateKeys } from './key-pagination';
import type { StoredObjectInfo } from './object-store';
import { sendXml, type S3HandlerContext } from './s3-handler-context';
import { s3Errors } from './s3-error';
import { xmlDocument } from './xml';

const OWNER = {
  ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a',
  DisplayName: 'local-aws'
};

function maxKeysOf(context: S3HandlerContext): number {
  const text = context.target.query.get('max-keys');
  if (text === null) return 1000;
  if (!/^\d+$/.test(text)) {
    throw s3Errors.invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      text
    );
  }
  return Math.min(1000, Number(text));
}

function urlEncoded(context: S3HandlerContext): (value: string) => string {
  // encoding-type=url: S3 URL-encodes keys and prefixes in the answer (the client decodes them).
  return context.target.query.get('encoding-type') === 'url'
    ? (value) => encodeURIComponent(value).replace(/%2F/g, '/')
    : (value) => value;
}

async function pageContents(
  context: S3HandlerContext,
  page: Page,
  fetchOwner: boolean,
  encode: (v: string) => string
) {
  const keys = page.entries.filter((e) => !e.isCommonPrefix).map((e) => e.value);
  const infos = await Promise.all(keys.map((key) => context.store.getInfo(context.target.bucket, key)));
  return keys
    .map((key, index) => [key, infos[index]] as [string, StoredObjectInfo | undefined])
    .filter((pair): pair is [string, StoredObjectInfo] => pair[1] !== undefined)
    .map(([key, info]) => ({
      Key: encode(key),
      LastModified: info.lastModified.toISOString(),
      ETag: info.etag,
      Size: info.size,
      Owner: fetchOwner ? OWNER : undefined,
      StorageClass: 'STANDARD'
    }));
}

/** ListObjectsV2 with Prefix, Delimiter, MaxKeys, StartAfter and ContinuationToken, over any number of keys. */
export async function handleListObjectsV2(context: S3HandlerContext): Promise<void> {
  const query = context.target.query;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeys = maxKeysOf(context);
  const token = query.get('continuation-token');
  const startAfter = query.get('start-after') ?? '';
  let after = startAfter;
  if (token !== null) {
    const decoded = decodeContinuationToken(token);
    if (decoded === undefined)
      throw s3Errors.invalidArgument(
        'The continuation token provided is incorrect',
        'continuation-token',
        token
      );
    after = decoded;
  }
  const keys = await context.store.listKeys(context.target.bucket, prefix);
  const page = paginateKeys(keys, { prefix, delimiter, after, maxKeys });
  const encode = urlEncoded(context);
  const last = page.entries[page.entries.length - 1];
  sendXml(
    context.res,
    200,
    xmlDocument('ListBucketResult', {
      Name: context.target.bucket,
      Prefix: encode(prefix),
      Delimiter: delimiter ? encode(delimiter) : undefined,
      MaxKeys: maxKeys,
      EncodingType: query.get('encoding-type') ?? undefined,
      KeyCount: page.entries.length,
      IsTruncated: page.isTruncated,
      ContinuationToken: token ?? undefined,
      NextContinuationToken: page.isTruncated && last ? encodeContinuationToken(last.value) : undefined,
      StartAfter: startAfter ? encode(startAfter) : undefined,
      Contents: await pageContents(context, page, query.get('fetch-owner') === 'true', encode),
      CommonPrefixes: page.entries.filter((e) => e.isCommonPrefix).map((e) => ({ Prefix: encode(e.value) }))
    })
  );
}

/** ListObjects (version 1): Marker, and NextMarker when a delimiter is given (as S3 does). */
export async function handleListObjects(context: S3HandlerContext): Promise<void> {
  const query = context.target.query;
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const marker = query.get('marker') ?? '';
  const maxKeys = maxKeysOf(context);
  const keys = await context.store.listKeys(context.target.bucket, prefix);
  const page = paginateKeys(keys, { prefix, delimiter, after: marker, maxKeys });
  const encode = urlEncoded(context);
  const last = page.entries[page.entries.length - 1];
  sendXml(
    context.res,
    200,
    xmlDocument('ListBucketResult', {
      Name: context.target.bucket,
      Prefix: encode(prefix),
      Marker: encode(marker),
      NextMarker: delimiter && page.isTruncated && last ? encode(last.value) : undefined,
      MaxKeys: maxKeys,
      Delimiter: delimiter ? encode(delimiter) : undefined,
      EncodingType: query.get('encoding-type') ?? undefined,
      IsTruncated: page.isTruncated,
      Contents: await pageContents(context, page, true, encode),
      CommonPrefixes: page.entries.filter((e) => e.isCommonPrefix).map((e) => ({ Prefix: encode(e.value) }))
    })
  );
}
