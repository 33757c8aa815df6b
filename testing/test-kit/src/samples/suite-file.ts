import type { VisitEvent } from '@reporting/schemas';
import type { ReasonRule } from './reason-rule';

/** What the pipeline must do with a file. */
export type Expectation = 'valid' | 'sandbox' | 'invalid';

/** One file the suite uploads, and what must become of it. */
export interface SuiteFile {
  key: string;
  body: Buffer;
  expect: Expectation;
  /** The event a valid or sandbox file holds (its checkpoint row is derived from it). */
  event?: VisitEvent;
  /** Invalid files: the kind of damage, and a pattern one of the quarantine reasons must match. */
  kind?: string;
  reason?: ReasonRule;
}
