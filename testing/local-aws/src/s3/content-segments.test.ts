// Segments describe an object's bytes as ranges of files; slicing and merging them must describe
// exactly the bytes that slicing the concatenated content would give.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

import fc from 'fast-check';

import {
  type ContentSegment,
  contentSize,
  mergeSegments,
  type OpenSegment,
  sliceSegments,
  streamOpenSegments
} from './content-segments';

// Three "files" of known bytes; a segment names one of them by path and inode.
const FILES = [Buffer.from('abcdefghij'), Buffer.from('0123456789'), Buffer.from('KLMNOPQRST')];

function bytesOf(segments: readonly ContentSegment[]): Buffer {
  return Buffer.concat(segments.map((s) => FILES[s.ino].subarray(s.start, s.start + s.length)));
}

const segmentArbitrary = fc
  .record({ file: fc.nat(2), start: fc.nat(10), length: fc.nat(10) })
  .map(({ file, start, length }) => ({
    path: `file-${file}`,
    ino: file,
    start: Math.min(start, 10),
    length: Math.min(length, 10 - Math.min(start, 10))
  }));

test('segment slicing: slicing segments gives the same bytes as slicing the content they describe', () => {
  fc.assert(
    fc.property(fc.array(segmentArbitrary, { maxLength: 8 }), fc.nat(90), fc.nat(90), (segments, a, b) => {
      const start = Math.min(a, b);
      const end = Math.max(a, b);
      const slice = sliceSegments(segments, start, end);
      expect(bytesOf(slice).equals(bytesOf(segments).subarray(start, end + 1))).toBe(true);
    }),
    { numRuns: 300 }
  );
});

test('segment merging: merging segments keeps the bytes and leaves no empty or continuing neighbours', () => {
  fc.assert(
    fc.property(fc.array(segmentArbitrary, { maxLength: 12 }), (segments) => {
      const merged = mergeSegments(segments);
      expect(bytesOf(merged).equals(bytesOf(segments))).toBe(true);
      expect(contentSize(merged)).toBe(contentSize(segments));
      merged.forEach((segment, index) => {
        expect(segment.length).toBeGreaterThan(0);
        const next = merged[index + 1];
        if (next)
          expect(next.ino === segment.ino && segment.start + segment.length === next.start).toBe(false);
      });
    }),
    { numRuns: 300 }
  );
});

describe('streaming opened segments', () => {
  let directory: string;
  beforeAll(() => {
    directory = mkdtempSync(path.join(tmpdir(), 'segments-test-'));
    FILES.forEach((bytes, i) => writeFileSync(path.join(directory, String(i)), bytes));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  test('ranged streaming: streams exactly the requested bytes across files, for any range', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(segmentArbitrary, { minLength: 1, maxLength: 6 }),
        fc.nat(60),
        fc.nat(60),
        async (segments, a, b) => {
          const opened: OpenSegment[] = [];
          for (const s of segments) {
            opened.push({
              handle: await fs.open(path.join(directory, String(s.ino)), 'r'),
              start: s.start,
              length: s.length
            });
          }
          const start = Math.min(a, b);
          const end = Math.max(a, b);
          const chunks: Buffer[] = [];
          for await (const chunk of streamOpenSegments(opened, start, end)) chunks.push(chunk as Buffer);
          expect(Buffer.concat(chunks).equals(bytesOf(segments).subarray(start, end + 1))).toBe(true);
        }
      ),
      { numRuns: 100 }
    );
  });

  test('a file shorter than its segment fails the stream instead of returning fewer bytes', async () => {
    const handle = await fs.open(path.join(directory, '0'), 'r');
    const stream = streamOpenSegments([{ handle, start: 5, length: 20 }], 0, 19);
    await expect(
      (async () => {
        const chunks: unknown[] = [];
        for await (const chunk of stream) chunks.push(chunk);
      })()
    ).rejects.toThrow('content file shorter than its segment');
  });
});
