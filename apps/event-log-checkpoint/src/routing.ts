import { ConfigurationError } from '@reporting/utils';

/** Events from practice projects never reach a checkpoint (they are counted as filtered). */
export function isSandboxProject(projectLabel: string): boolean {
  return projectLabel.startsWith('sandbox-');
}

/** Fails at cold start when the template cannot tell checkpoints apart. */
export function assertCheckpointTemplate(template: string): void {
  const missing = ['{study}', '{datatype}'].filter((placeholder) => !template.includes(placeholder));
  if (missing.length > 0) {
    throw new ConfigurationError([`CHECKPOINT_KEY_TEMPLATE: "${template}" lacks ${missing.join(' and ')}`]);
  }
}

/**
 * A study or datatype as one safe key segment: lowercase, and any character other than letters,
 * digits, `.`, `_` and `-` replaced by `-` (a study "A/B" must not create a nested prefix).
 */
export function keySegment(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9._-]/g, '-');
}

/** The checkpoint object key of a study and datatype, e.g. `checkpoints/adrc/form/events.parquet`. */
export function checkpointKeyFor(template: string, study: string, datatype: string): string {
  return template.replace(/\{study\}/g, keySegment(study)).replace(/\{datatype\}/g, keySegment(datatype));
}
