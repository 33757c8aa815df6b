import { assertKeyTemplate, renderCheckpointKey } from '@reporting/object-processing';

/** Events from practice projects never reach a checkpoint (they are counted as filtered). */
export function isSandboxProject(projectLabel: string): boolean {
  return projectLabel.startsWith('sandbox-');
}

/** Fails at cold start when the template cannot tell checkpoints apart. */
export function assertCheckpointTemplate(template: string): void {
  assertKeyTemplate('CHECKPOINT_KEY_TEMPLATE', template, ['study', 'datatype']);
}

/** The checkpoint object key of a study and datatype, e.g. `checkpoints/adrc/form/events.parquet`. */
export function checkpointKeyFor(template: string, study: string, datatype: string): string {
  return renderCheckpointKey(template, { study, datatype });
}
