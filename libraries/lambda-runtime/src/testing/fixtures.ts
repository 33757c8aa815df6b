import { TransientError } from '@reporting/utils';
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createObservability } from '../observability';
import { type ObjectChange } from '../notifications';
import type { Validator } from '@reporting/schemas';
import type { CheckpointSink, SinkAppendResult, SourceBatch } from '../checkpoint-sink';
import type { FileProcessor } from '../file-processor';
import { parseJsonFile } from '../json-file';

/** The test file format: `{"group": "a", "values": ["x", "y"]}` → rows "x", "y" in checkpoint `out/a`. */
export interface GroupFile {
  group: string;
  values: string[];
}

export const validateGroupFile: Validator<GroupFile> = (input) => {
  const candidate = input as Partial<GroupFile> | null;
  const errors: string[] = [];
  if (typeof candidate?.group !== 'string') errors.push('group: is required');
  if (!Array.isArray(candidate?.values)) errors.push('values: must be an array');
  return errors.length === 0 ? { valid: true, value: candidate as GroupFile } : { valid: false, errors };
};

/**
 * Filters group "skip"; throws a transient failure for group "boom" and a content-dependent RangeError
 * for group "bug"; group "many" is invalid with one reason per value.
 */
export const groupFileProcessor: FileProcessor<string> = (bytes) => {
  const parsed = parseJsonFile(bytes, validateGroupFile);
  if (!parsed.valid) return { kind: 'invalid', reasons: parsed.reasons };
  const { group, values } = parsed.value;
  if (group === 'skip') return { kind: 'filtered', reason: 'skip group' };
  if (group === 'boom') throw new TransientError('processor exploded');
  if (group === 'bug') throw new RangeError(`cannot handle ${values.length} values`);
  if (group === 'many') return { kind: 'invalid', reasons: values.map((v) => `${v}: is wrong`) };
  return { kind: 'rows', checkpoint: `out/${group}`, rows: values, dimensions: { Group: group } };
};

/** A sink that remembers every append and every applied source, like the checkpoint store. */
export class RecordingSink implements CheckpointSink<string> {
  public readonly appends: { key: string; batches: SourceBatch<string>[] }[] = [];
  public readonly rows = new Map<string, string[]>();
  private readonly applied = new Set<string>();
  public failFor: string | undefined;

  public async append(key: string, batches: SourceBatch<string>[]): Promise<SinkAppendResult> {
    if (key === this.failFor) throw new Error(`commit conflict on ${key}`);
    this.appends.push({ key, batches });
    const skipped = batches.filter((b) => this.applied.has(`${b.source.key}@${b.source.version}`));
    let rowsAppended = 0;
    for (const batch of batches.filter((b) => !skipped.includes(b))) {
      this.applied.add(`${batch.source.key}@${batch.source.version}`);
      this.rows.set(key, [...(this.rows.get(key) ?? []), ...batch.rows]);
      rowsAppended += batch.rows.length;
    }
    const totalRows = this.rows.get(key)?.length ?? 0;
    return { skipped: skipped.map((b) => b.source), rowsAppended, totalRows, bytes: totalRows };
  }
}

export const quietObservability = (): ReturnType<typeof createObservability> =>
  createObservability({ serviceName: 'lambda-runtime-test', logLevel: 'SILENT' });

/** Uploads a file and returns its "created" change as a notification would announce it. */
export async function putObject(
  s3: S3Client,
  bucket: string,
  key: string,
  body: string | Buffer
): Promise<ObjectChange> {
  const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: Buffer.from(body) }));
  return { kind: 'created', eventName: 'ObjectCreated:Put', object: { bucket, key, eTag: put.ETag! } };
}
