// Composite objects: bytes kept as ranges of hard-linked files. They must read back exactly, keep
// their bytes for readers that opened them, and leave no files behind once replaced or deleted.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import { type ContentSegment, streamOpenSegments } from './content-segments';
import { MAX_COMPOSITE_SEGMENTS, ObjectStore } from './object-store';

let directory: string;
let store: ObjectStore;

beforeEach(async () => {
  directory = mkdtempSync(path.join(tmpdir(), 'object-store-test-'));
  store = new ObjectStore(
    path.join(directory, 'buckets'),
    path.join(directory, 'tmp'),
    path.join(directory, 'segments')
  );
  await store.initialise();
  await store.createBucket('b');
});
afterEach(() => rmSync(directory, { recursive: true, force: true }));

async function put(key: string, content: Buffer): Promise<void> {
  const prepared = await store.prepare(content, 'etag', {});
  await store.commit('b', key, prepared);
  await store.discard(prepared);
}

async function read(key: string, from: ObjectStore = store): Promise<Buffer> {
  const info = await from.getInfo('b', key);
  const opened = await from.openContent(info!.segments);
  const chunks: Buffer[] = [];
  for await (const chunk of streamOpenSegments(opened, 0, info!.size - 1)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function compose(key: string, segments: ContentSegment[]): Promise<void> {
  const prepared = await store.prepareFromSegments(segments, 'etag', {});
  await store.commit('b', key, prepared);
  await store.discard(prepared);
}

function versionFolders(): string[] {
  return readdirSync(path.join(directory, 'segments'));
}

test('a composite object reads back as the ranges it was made of, also after a restart', async () => {
  await put('one', Buffer.from('0123456789'));
  await put('two', Buffer.from('abcdefghij'));
  const one = (await store.getInfo('b', 'one'))!.segments[0];
  const two = (await store.getInfo('b', 'two'))!.segments[0];
  await compose('joined', [
    { ...one, start: 2, length: 5 },
    { ...two, start: 0, length: 3 }
  ]);
  expect((await read('joined')).toString()).toBe('23456abc');
  const restarted = new ObjectStore(
    path.join(directory, 'buckets'),
    path.join(directory, 'tmp'),
    path.join(directory, 'segments')
  );
  expect((await restarted.getInfo('b', 'joined'))!.size).toBe(8);
  expect((await read('joined', restarted)).toString()).toBe('23456abc');
});

test('the sources can be overwritten and deleted without changing the composite', async () => {
  await put('source', Buffer.from('original bytes'));
  await compose('copy', (await store.getInfo('b', 'source'))!.segments);
  await put('source', Buffer.from('replaced'));
  await store.delete('b', 'source');
  expect((await read('copy')).toString()).toBe('original bytes');
});

test('replacing or deleting a composite removes its version folder; open readers keep their bytes', async () => {
  await put('source', Buffer.from('abc'));
  const source = (await store.getInfo('b', 'source'))!.segments;
  await compose('key', source);
  expect(versionFolders()).toHaveLength(1);
  const info = (await store.getInfo('b', 'key'))!;
  const opened = await store.openContent(info.segments);
  await compose('key', [...source, ...source]);
  expect(versionFolders()).toHaveLength(1);
  await put('key', Buffer.from('plain'));
  expect(versionFolders()).toHaveLength(0);
  expect(existsSync(store.resourcePath('b', 'key', 'segments.json'))).toBe(false);
  const chunks: Buffer[] = [];
  for await (const chunk of streamOpenSegments(opened, 0, 2)) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString()).toBe('abc');
  await compose('key', source);
  await store.delete('b', 'key');
  expect(versionFolders()).toHaveLength(0);
  expect(await store.getInfo('b', 'key')).toBeUndefined();
});

test(`more than ${MAX_COMPOSITE_SEGMENTS} segments are written out as one plain file`, async () => {
  await put('a', Buffer.from('A'));
  await put('b', Buffer.from('B'));
  const a = (await store.getInfo('b', 'a'))!.segments[0];
  const b = (await store.getInfo('b', 'b'))!.segments[0];
  const segments = Array.from({ length: MAX_COMPOSITE_SEGMENTS + 1 }, (_, i) => (i % 2 ? b : a));
  await compose('many', segments);
  expect(versionFolders()).toHaveLength(0);
  const info = (await store.getInfo('b', 'many'))!;
  expect(info.segments).toHaveLength(1);
  expect((await read('many')).toString()).toBe('AB'.repeat(MAX_COMPOSITE_SEGMENTS / 2) + 'A');
});

test('a failed preparation leaves no version folder behind', async () => {
  const missing: ContentSegment = { path: path.join(directory, 'nothing'), ino: 1, start: 0, length: 1 };
  await expect(store.prepareFromSegments([missing], 'etag', {})).rejects.toThrow();
  expect(versionFolders()).toHaveLength(0);
});

test('a prepared composite that is discarded without commit (e.g. a failed condition) leaves nothing', async () => {
  await put('source', Buffer.from('abc'));
  const prepared = await store.prepareFromSegments((await store.getInfo('b', 'source'))!.segments, 'e', {});
  expect(versionFolders()).toHaveLength(1);
  await store.discard(prepared);
  expect(versionFolders()).toHaveLength(0);
  expect(readdirSync(path.join(directory, 'tmp'))).toEqual([]);
});
