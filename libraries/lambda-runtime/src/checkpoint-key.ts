import { ConfigurationError } from '@reporting/utils';

/**
 * A value as one safe key segment: lowercase, and any character other than letters, digits, `.`, `_`
 * and `-` replaced by `-` (a study "A/B" must not create a nested prefix). A segment that would be
 * empty or only dots becomes dashes: S3 keeps `checkpoints/../x` literally, but tools that treat keys
 * as paths (sync, s3fs, Hive-style partitions) resolve `..` and `.` and would read the wrong place.
 */
export function keySegment(value: string): string {
  const segment = value.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
  return /^\.*$/.test(segment) ? '-'.repeat(Math.max(1, segment.length)) : segment;
}

/** Fails at cold start when a key template lacks a placeholder it needs to tell checkpoints apart. */
export function assertKeyTemplate(variable: string, template: string, placeholders: readonly string[]): void {
  const missing = placeholders.map((name) => `{${name}}`).filter((p) => !template.includes(p));
  if (missing.length > 0) {
    throw new ConfigurationError([`${variable}: "${template}" lacks ${missing.join(' and ')}`]);
  }
}

/** The checkpoint key of a template such as `checkpoints/{study}/{datatype}/events.parquet`. */
export function renderCheckpointKey(template: string, values: Readonly<Record<string, string>>): string {
  return Object.entries(values).reduce(
    (key, [name, value]) => key.split(`{${name}}`).join(keySegment(value)),
    template
  );
}
