import * as fsSync from 'node:fs';
import type { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';

/**
 * An object's bytes as a list of byte ranges of immutable files. A plain object is one segment (its
 * own file); an object assembled by CompleteMultipartUpload or CopyObject lists ranges of hard links
 * to the files it was made from, so building it costs O(parts), not O(object size).
 * Every file a segment names is never modified after it is written (writes go to a new file that is
 * renamed into place), so a hard link to it is a snapshot.
 */
export interface ContentSegment {
  /** Absolute path of the file. */
  path: string;
  /** The file's inode: two segments of the same inode and contiguous ranges can be merged. */
  ino: number;
  start: number;
  length: number;
}

export function contentSize(segments: readonly ContentSegment[]): number {
  return segments.reduce((total, segment) => total + segment.length, 0);
}

/** The segments (file ranges, opened or not) covering bytes `start..endInclusive` of their content. */
export function sliceSegments<Segment extends { start: number; length: number }>(
  segments: readonly Segment[],
  start: number,
  endInclusive: number
): Segment[] {
  const slice: Segment[] = [];
  let offset = 0;
  for (const segment of segments) {
    const from = Math.max(start, offset);
    const to = Math.min(endInclusive + 1, offset + segment.length);
    if (to > from) slice.push({ ...segment, start: segment.start + from - offset, length: to - from });
    offset += segment.length;
  }
  return slice;
}

/** Joins neighbours that continue each other in the same file and drops empty segments. */
export function mergeSegments(segments: readonly ContentSegment[]): ContentSegment[] {
  const merged: ContentSegment[] = [];
  for (const segment of segments) {
    if (segment.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && last.ino === segment.ino && last.start + last.length === segment.start) {
      merged[merged.length - 1] = { ...last, length: last.length + segment.length };
    } else {
      merged.push({ ...segment });
    }
  }
  return merged;
}

/** A segment with the file already open (opened under the key's lock, read after it is released). */
export interface OpenSegment {
  handle: fs.FileHandle;
  start: number;
  length: number;
}

/**
 * Streams bytes `start..endInclusive` of the opened content, one file range after another, and
 * closes every handle when done or destroyed.
 */
export function streamOpenSegments(
  opened: readonly OpenSegment[],
  start: number,
  endInclusive: number
): Readable {
  const handles = [...new Set(opened.map((o) => o.handle))];
  const ranges = sliceSegments(opened, start, endInclusive);
  async function* chunks(): AsyncGenerator<Buffer> {
    const chunkSize = 256 * 1024;
    for (const range of ranges) {
      let position = range.start;
      const end = range.start + range.length;
      while (position < end) {
        const buffer = Buffer.allocUnsafe(Math.min(chunkSize, end - position));
        const { bytesRead } = await range.handle.read(buffer, 0, buffer.length, position);
        if (bytesRead === 0) throw new Error('content file shorter than its segment');
        position += bytesRead;
        yield buffer.subarray(0, bytesRead);
      }
    }
  }
  const stream = Readable.from(chunks(), { objectMode: false });
  let closed = false;
  const closeAll = (): void => {
    if (closed) return;
    closed = true;
    for (const handle of handles) handle.close().catch(() => undefined);
  };
  stream.once('close', closeAll);
  stream.once('end', closeAll);
  return stream;
}

/**
 * Hard-links every file the segments name into `directory` (one link per distinct file, named
 * `<namePrefix><index>`) and returns the segments pointing at the links. A link is O(1) and keeps the
 * file's bytes even after the name it came from is replaced or deleted.
 */
export function linkSegmentFiles(
  segments: readonly ContentSegment[],
  directory: string,
  namePrefix: string
): ContentSegment[] {
  const links = new Map<string, string>();
  return segments.map((segment) => {
    let link = links.get(segment.path);
    if (link === undefined) {
      link = path.join(directory, `${namePrefix}${links.size}`);
      fsSync.linkSync(segment.path, link);
      links.set(segment.path, link);
    }
    return { ...segment, path: link };
  });
}
