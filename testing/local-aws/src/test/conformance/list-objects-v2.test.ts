// Expectations from the ListObjectsV2 API reference: at most 1,000 keys per page (MaxKeys may lower it),
// IsTruncated with a NextContinuationToken while more remain, keys in UTF-8 binary order, and
// Delimiter rolling keys up into CommonPrefixes that count towards MaxKeys.
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

import { compareUtf8 } from '../../s3/object-store';
import { type ConformanceTarget, openConformanceTarget } from '../conformance-target';

let target: ConformanceTarget;
let s3: S3Client;
const KEY_COUNT = 2500;
let keys: string[];

beforeAll(async () => {
  target = await openConformanceTarget('list-v2');
  s3 = target.client();
  keys = Array.from({ length: KEY_COUNT }, (_, i) => `${target.prefix}many/${String(i).padStart(5, '0')}`);
  for (let i = 0; i < keys.length; i += 50) {
    await Promise.all(
      keys
        .slice(i, i + 50)
        .map((Key) => s3.send(new PutObjectCommand({ Bucket: target.bucket, Key, Body: Key })))
    );
  }
  const mixed = ['dir-a/1', 'dir-a/2', 'dir-b/1', 'file-1', 'file-2', 'dir-c/x/y', 'é', 'z', '😀', '～'];
  await Promise.all(
    mixed.map((k) =>
      s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: `${target.prefix}mixed/${k}`, Body: k }))
    )
  );
}, 120_000);
afterAll(() => target.close(), 120_000);

async function listAll(request: {
  Prefix: string;
  MaxKeys?: number;
  Delimiter?: string;
  StartAfter?: string;
}) {
  const pages: { keys: string[]; prefixes: string[]; keyCount: number | undefined }[] = [];
  let ContinuationToken: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: target.bucket, ContinuationToken, ...request })
    );
    pages.push({
      keys: (page.Contents ?? []).map((o) => o.Key!),
      prefixes: (page.CommonPrefixes ?? []).map((p) => p.Prefix!),
      keyCount: page.KeyCount
    });
    expect(page.IsTruncated).toBe(page.NextContinuationToken !== undefined);
    ContinuationToken = page.NextContinuationToken;
  } while (ContinuationToken);
  return pages;
}

test('more than 1,000 keys come in pages of at most 1,000, all keys once, in order', async () => {
  const pages = await listAll({ Prefix: `${target.prefix}many/` });
  expect(pages.map((p) => p.keys.length)).toEqual([1000, 1000, 500]);
  expect(pages.flatMap((p) => p.keys)).toEqual(keys);
});

test('MaxKeys limits every page and the continuation token resumes where the page ended', async () => {
  const pages = await listAll({ Prefix: `${target.prefix}many/`, MaxKeys: 7, StartAfter: keys[2480] });
  expect(pages.map((p) => p.keys.length)).toEqual([7, 7, 5]);
  expect(pages.flatMap((p) => p.keys)).toEqual(keys.slice(2481));
  expect(pages.map((p) => p.keyCount)).toEqual([7, 7, 5]);
});

test('keys are listed in UTF-8 binary order', async () => {
  const pages = await listAll({ Prefix: `${target.prefix}mixed/` });
  const listed = pages.flatMap((p) => p.keys);
  expect(listed).toEqual([...listed].sort(compareUtf8));
  // U+FF5E sorts before U+1F600 in UTF-8 bytes, after it in UTF-16 code units.
  expect(listed.slice(-4).map((k) => k.slice(`${target.prefix}mixed/`.length))).toEqual([
    'z',
    'é',
    '～',
    '😀'
  ]);
});

test('a delimiter rolls keys up into common prefixes, which count towards MaxKeys', async () => {
  const prefix = `${target.prefix}mixed/`;
  const pages = await listAll({ Prefix: prefix, Delimiter: '/', MaxKeys: 2 });
  const strip = (values: string[]) => values.map((v) => v.slice(prefix.length));
  expect(pages.map((p) => [...strip(p.prefixes), ...strip(p.keys)].length)).toEqual([2, 2, 2, 2, 1]);
  expect(pages.flatMap((p) => strip(p.prefixes))).toEqual(['dir-a/', 'dir-b/', 'dir-c/']);
  expect(pages.flatMap((p) => strip(p.keys))).toEqual(['file-1', 'file-2', 'z', 'é', '～', '😀']);
});
