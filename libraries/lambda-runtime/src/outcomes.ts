import type { ObjectChange } from './notifications';

/** What happened to one object (JSON: it is what the idempotency layer stores and replays). */
export type ObjectOutcome =
  /**
   * `rows`: this object's rows; `totalRows` and `bytes`: the checkpoint after the invocation's commit
   * that holds them.
   */
  | {
      status: 'appended';
      checkpoint: string;
      attempt: string;
      rows: number;
      totalRows: number;
      bytes: number;
    }
  | { status: 'already-applied'; checkpoint: string; attempt: string }
  | { status: 'quarantined'; reasons: string[]; errorKey: string; attempt: string }
  | { status: 'filtered'; reason: string; attempt: string }
  | { status: 'gone'; attempt: string };

/** The result of one object change of an invocation; `failed` ones are for the trigger to redeliver. */
export type ChangeResult =
  | ObjectOutcome
  | { status: 'duplicate' }
  | { status: 'ignored'; reason: string }
  /** `checkpoint`: the checkpoint whose commit failed, when that was the failure. */
  | { status: 'failed'; error: unknown; checkpoint?: string };

/** What processing one object would do, without doing it (a dry run). */
export type ObjectPreview =
  | { status: 'would-append'; checkpoint: string; rows: number }
  | { status: 'would-quarantine'; reasons: string[] }
  | { status: 'would-filter'; reason: string }
  | { status: 'gone' };

/** Anything that turns the object changes of an invocation into results, in order (ObjectProcessor). */
export interface ChangeProcessor {
  processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]>;
  /** Reads and judges each created object as processing would; writes nothing (no commit, record or quarantine). */
  preview?(changes: readonly ObjectChange[]): Promise<ObjectPreview[]>;
}

export const CHANGE_STATUSES: readonly ChangeResult['status'][] = [
  'appended',
  'already-applied',
  'quarantined',
  'filtered',
  'gone',
  'duplicate',
  'ignored',
  'failed'
];

/** A checkpoint commit failed: every object of that commit is retried. */
export class CheckpointSaveError extends Error {
  public constructor(
    public readonly checkpoint: string,
    public override readonly cause: unknown
  ) {
    super(`checkpoint ${checkpoint} could not be saved: ${(cause as Error)?.message ?? String(cause)}`);
    // Named in a literal: bundles are minified without keepNames.
    this.name = 'CheckpointSaveError';
  }
}
