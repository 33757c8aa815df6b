import type { LocalPipeline } from '../pipeline/local-pipeline';
import { RECORD_FILE_FORMATS } from '../records/record-file-writer';
import type { SampleFile } from '../samples/sample-files';
import { describeCheckpoints } from './checkpoint-rows';

/** Per input format, how many of the uploaded files of that format are stored and quarantined. */
export interface FormatOutcome {
  format: string;
  uploaded: number;
  stored: number;
  quarantined: number;
}

/**
 * What became of the uploaded files, per format: stored (a checkpoint holds rows whose `source_key` is
 * the file) or quarantined. Empty when no file says its format (e.g. event-log sample files).
 */
export async function filesByFormat(
  pipeline: LocalPipeline,
  files: readonly SampleFile<unknown>[]
): Promise<FormatOutcome[]> {
  const withFormat = files.filter((file) => file.format !== undefined);
  if (withFormat.length === 0) return [];
  const stored = new Set((await describeCheckpoints(pipeline)).flatMap((c) => c.sourceKeys));
  const quarantined = new Set((await pipeline.quarantine()).map((record) => record.source_key));
  const source = pipeline.buckets.source;
  return RECORD_FILE_FORMATS.map((format) => {
    const ofFormat = withFormat.filter((file) => file.format === format);
    return {
      format,
      uploaded: ofFormat.length,
      stored: ofFormat.filter((file) => stored.has(`s3://${source}/${file.key}`)).length,
      quarantined: ofFormat.filter((file) => quarantined.has(file.key)).length
    };
  }).filter((outcome) => outcome.uploaded > 0);
}

/** The local run's lines for {@link filesByFormat}: `  csv         3 stored, 1 quarantined of 4`. */
export function formatOutcomeLines(outcomes: readonly FormatOutcome[]): string[] {
  if (outcomes.length === 0) return [];
  return [
    'files by format:',
    ...outcomes.map(
      (o) => `  ${o.format.padEnd(10)} ${o.stored} stored, ${o.quarantined} quarantined of ${o.uploaded}`
    )
  ];
}
