import { randomBytes } from 'node:crypto';
import * as fsSync from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

import { type ContentSegment, contentSize, linkSegmentFiles } from './content-segments';

/**
 * Multipart uploads in progress: `<root>/<bucket>/<uploadId>/upload.json`, and per part `<n>.json`
 * naming the part's files in the same folder: the uploaded bytes (`<n>.<random>`), or for a copied
 * part hard links to the source's files (`<n>.<random>.<i>`), so a copy costs no byte copying.
 */
export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  initiated: string;
}

export interface PartRecord {
  partNumber: number;
  /** The part's ETag without quotes: hex MD5 of an uploaded part, an opaque hex tag for a copied one. */
  md5: string;
  size: number;
  lastModified: string;
  /** The part's bytes: ranges of files in the upload's folder. */
  segments: { file: string; start: number; length: number }[];
}

export class MultipartStore {
  private readonly _root: string;

  constructor(root: string) {
    this._root = root;
  }

  private _directory(bucket: string, uploadId: string): string {
    if (!/^[0-9a-f]+$/.test(uploadId)) return path.join(this._root, bucket, 'invalid-upload-id');
    return path.join(this._root, bucket, uploadId);
  }

  async create(bucket: string, key: string, metadata: Record<string, string>): Promise<UploadRecord> {
    const uploadId = randomBytes(24).toString('hex');
    const record: UploadRecord = { uploadId, bucket, key, metadata, initiated: new Date().toISOString() };
    const directory = this._directory(bucket, uploadId);
    await fs.mkdir(directory, { recursive: true });
    await fs.writeFile(path.join(directory, 'upload.json'), JSON.stringify(record));
    return record;
  }

  // Small files use synchronous calls, as in ObjectStore: an asynchronous call costs a thread-pool
  // round trip, and every part request reads the upload record.
  async get(bucket: string, uploadId: string): Promise<UploadRecord | undefined> {
    try {
      const text = fsSync.readFileSync(path.join(this._directory(bucket, uploadId), 'upload.json'), 'utf8');
      return JSON.parse(text) as UploadRecord;
    } catch {
      return undefined;
    }
  }

  async list(bucket: string): Promise<UploadRecord[]> {
    let names: string[];
    try {
      names = await fs.readdir(path.join(this._root, bucket));
    } catch {
      return [];
    }
    const records = await Promise.all(names.map((name) => this.get(bucket, name)));
    return records.filter((r): r is UploadRecord => r !== undefined);
  }

  /** Moves a finished temporary file in as a part (replacing an earlier part with the same number). */
  async commitPart(
    bucket: string,
    uploadId: string,
    partNumber: number,
    temporary: string,
    md5: string
  ): Promise<PartRecord> {
    const directory = this._directory(bucket, uploadId);
    const file = `${partNumber}.${randomBytes(6).toString('hex')}`;
    const partPath = path.join(directory, file);
    await fs.rename(temporary, partPath);
    const stat = await fs.stat(partPath);
    return this._writeRecord(directory, {
      partNumber,
      md5,
      size: stat.size,
      lastModified: stat.mtime.toISOString(),
      segments: [{ file, start: 0, length: stat.size }]
    });
  }

  /**
   * Records a part made of byte ranges of other files (UploadPartCopy) by hard-linking them into the
   * upload's folder. Call it while those files cannot go away (under the source key's shared lock).
   */
  async commitCopiedPart(
    bucket: string,
    uploadId: string,
    partNumber: number,
    segments: ContentSegment[],
    tag: string
  ): Promise<PartRecord> {
    const directory = this._directory(bucket, uploadId);
    const linked = linkSegmentFiles(segments, directory, `${partNumber}.${randomBytes(6).toString('hex')}.`);
    return this._writeRecord(directory, {
      partNumber,
      md5: tag,
      size: contentSize(linked),
      lastModified: new Date().toISOString(),
      segments: linked.map((s) => ({ file: path.basename(s.path), start: s.start, length: s.length }))
    });
  }

  private _writeRecord(directory: string, record: PartRecord): PartRecord {
    const recordPath = path.join(directory, `${record.partNumber}.json`);
    let previous: PartRecord | undefined;
    try {
      previous = JSON.parse(fsSync.readFileSync(recordPath, 'utf8')) as PartRecord;
    } catch {
      previous = undefined;
    }
    const temporary = path.join(directory, `.${record.partNumber}.json.${randomBytes(6).toString('hex')}`);
    fsSync.writeFileSync(temporary, JSON.stringify(record));
    fsSync.renameSync(temporary, recordPath);
    // The files of a replaced part are no longer named by any record.
    const kept = new Set(record.segments.map((s) => s.file));
    for (const segment of previous?.segments ?? []) {
      if (!kept.has(segment.file)) fsSync.rmSync(path.join(directory, segment.file), { force: true });
    }
    return record;
  }

  /** A part's bytes as segments with absolute paths (for CompleteMultipartUpload). */
  partSegments(bucket: string, uploadId: string, part: PartRecord): ContentSegment[] {
    const directory = this._directory(bucket, uploadId);
    return part.segments.map(({ file, start, length }) => {
      const filePath = path.join(directory, file);
      return { path: filePath, ino: fsSync.statSync(filePath).ino, start, length };
    });
  }

  async parts(bucket: string, uploadId: string): Promise<PartRecord[]> {
    const directory = this._directory(bucket, uploadId);
    let names: string[];
    try {
      names = fsSync.readdirSync(directory);
    } catch {
      return [];
    }
    return names
      .filter((name) => /^\d+\.json$/.test(name))
      .map((name) => JSON.parse(fsSync.readFileSync(path.join(directory, name), 'utf8')) as PartRecord)
      .sort((a, b) => a.partNumber - b.partNumber);
  }

  async remove(bucket: string, uploadId: string): Promise<void> {
    fsSync.rmSync(this._directory(bucket, uploadId), { recursive: true, force: true });
  }
}
