import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** Multipart uploads in progress: `<root>/<bucket>/<uploadId>/upload.json`, parts `<n>` and `<n>.json`. */
export interface UploadRecord {
  uploadId: string;
  bucket: string;
  key: string;
  metadata: Record<string, string>;
  initiated: string;
}

export interface PartRecord {
  partNumber: number;
  /** Hex MD5 of the part, the part's ETag without quotes. */
  md5: string;
  size: number;
  lastModified: string;
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

  async get(bucket: string, uploadId: string): Promise<UploadRecord | undefined> {
    try {
      const text = await fs.readFile(path.join(this._directory(bucket, uploadId), 'upload.json'), 'utf8');
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

  partPath(bucket: string, uploadId: string, partNumber: number): string {
    return path.join(this._directory(bucket, uploadId), String(partNumber));
  }

  /** Moves a finished temporary file in as a part (replacing an earlier part with the same number). */
  async commitPart(
    bucket: string,
    uploadId: string,
    partNumber: number,
    temporary: string,
    md5: string
  ): Promise<PartRecord> {
    const partPath = this.partPath(bucket, uploadId, partNumber);
    await fs.rename(temporary, partPath);
    const stat = await fs.stat(partPath);
    const record: PartRecord = { partNumber, md5, size: stat.size, lastModified: stat.mtime.toISOString() };
    await fs.writeFile(`${partPath}.json`, JSON.stringify(record));
    return record;
  }

  async parts(bucket: string, uploadId: string): Promise<PartRecord[]> {
    const directory = this._directory(bucket, uploadId);
    const names = await fs.readdir(directory).catch(() => [] as string[]);
    const records = await Promise.all(
      names
        .filter((name) => /^\d+\.json$/.test(name))
        .map(async (name) => JSON.parse(await fs.readFile(path.join(directory, name), 'utf8')) as PartRecord)
    );
    return records.sort((a, b) => a.partNumber - b.partNumber);
  }

  async remove(bucket: string, uploadId: string): Promise<void> {
    await fs.rm(this._directory(bucket, uploadId), { recursive: true, force: true });
  }
}
