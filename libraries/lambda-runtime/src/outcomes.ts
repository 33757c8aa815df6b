import type { ObjectChange } from './notifications';

/** What happened to one object (JSON: it is what the idempotency layer stores and replays). */
export type ObjectOutcome =
  | { status: 'appended'; checkpoint: string; attempt: string }
  | { status: 'already-applied'; checkpoint: string; attempt: string }
  | { status: 'quarantined'; reasons: string[]; errorKey: string; attempt: string }
  | { status: 'filtered'; reason: string; attempt: string }
  | { status: 'gone'; attempt: string };

/** The result of one object change of an invocation; `failed` ones are for the trigger to redeliver. */
export type ChangeResult =
  | ObjectOutcome
  | { status: 'duplicate' }
  | { status: 'ignored'; reason: string }
  | { status: 'failed'; error: unknown };

/** Anything that turns the object changes of an invocation into results, in order (ObjectProcessor). */
export interface ChangeProcessor {
  processChanges(changes: readonly ObjectChange[]): Promise<ChangeResult[]>;
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
