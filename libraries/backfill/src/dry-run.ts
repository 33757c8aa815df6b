import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { idempotencyKeyPrefix, type ChangeProcessor, type ObjectPreview } from '@reporting/lambda-runtime';
import type { S3Client } from '@aws-sdk/client-s3';
import { selectObjectChanges, type BackfillOptions } from './backfill';
import { partitionDone } from './done-objects';

/** What a backfill would do, found without writing anything. */
export interface DryRunReport {
  listed: number;
  selected: number;
  /** Recorded as done in the idempotency table: would be skipped before reading. */
  done: number;
  /** Per checkpoint key: the files and rows that would be appended. */
  checkpoints: Record<string, { files: number; rows: number }>;
  quarantined: number;
  /** The first reasons of files that would be quarantined, with their keys (at most 10). */
  quarantineSamples: { key: string; reason: string }[];
  filtered: number;
  gone: number;
}

const SAMPLES = 10;

/**
 * Lists the prefix, skips what the idempotency table records as done, reads and judges the rest with
 * the lambda's own file processor (in chunks), and reports what would happen: no checkpoint commit,
 * no idempotency record, no quarantine record is written.
 */
export async function dryRun(
  runtime: { processor: ChangeProcessor; s3: S3Client; config: { idempotencyTable?: string } },
  options: Pick<BackfillOptions, 'bucket' | 'prefix' | 'suffix' | 'select'> & {
    dynamodb?: DynamoDBClient;
    chunkSize?: number;
  }
): Promise<DryRunReport> {
  const { processor } = runtime;
  if (!processor.preview) throw new Error("this lambda's processor cannot preview (no dry run)");
  const listing = await selectObjectChanges(runtime.s3, options);
  const table = runtime.config.idempotencyTable;
  const { pending, done } =
    options.dynamodb && table
      ? await partitionDone(options.dynamodb, listing.selected, { table, keyPrefix: idempotencyKeyPrefix() })
      : { pending: listing.selected, done: 0 };
  const report: DryRunReport = {
    listed: listing.listed,
    selected: listing.selected.length,
    done,
    checkpoints: {},
    quarantined: 0,
    quarantineSamples: [],
    filtered: 0,
    gone: 0
  };
  const chunkSize = options.chunkSize ?? 1000;
  for (let i = 0; i < pending.length; i += chunkSize) {
    const chunk = pending.slice(i, i + chunkSize);
    const keys = chunk.map((c) => (c.kind === 'test' ? '' : c.object.key));
    (await processor.preview(chunk)).forEach((preview, j) => tally(report, preview, keys[j]));
  }
  return report;
}

function tally(report: DryRunReport, preview: ObjectPreview, key: string): void {
  if (preview.status === 'would-append') {
    const entry = (report.checkpoints[preview.checkpoint] ??= { files: 0, rows: 0 });
    entry.files++;
    entry.rows += preview.rows;
  } else if (preview.status === 'would-quarantine') {
    report.quarantined++;
    if (report.quarantineSamples.length < SAMPLES)
      report.quarantineSamples.push({ key, reason: preview.reasons[0] });
  } else if (preview.status === 'would-filter') report.filtered++;
  else report.gone++;
}

/** The dry run's report, for people. */
export function formatDryRun(report: DryRunReport): string {
  const checkpoints = Object.entries(report.checkpoints).sort(([a], [b]) => a.localeCompare(b));
  const appended = checkpoints.reduce((sum, [, c]) => sum + c.files, 0);
  return [
    `dry run: nothing was written.`,
    `listed ${report.listed}, selected ${report.selected}, already done ${report.done}`,
    `would append ${appended} files to ${checkpoints.length} checkpoint(s):`,
    ...checkpoints.map(([key, c]) => `  ${key}: ${c.files} files, ${c.rows} rows`),
    `would quarantine ${report.quarantined}, filter ${report.filtered}; ${report.gone} gone before reading`,
    ...report.quarantineSamples.map((s) => `  ${s.key}: ${s.reason}`)
  ].join('\n');
}
