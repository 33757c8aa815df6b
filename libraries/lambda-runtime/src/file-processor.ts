import type { ObjectRef } from './notifications';
import type { Observability } from './observability';
import type { TableRow } from '@reporting/checkpoint-store';

/** What a file processor decided about the bytes of one object. */
export type FileVerdict<Row = TableRow> =
  /** Never processable (bad JSON, schema violations): quarantined with these reasons, never retried. */
  | { kind: 'invalid'; reasons: string[] }
  /** Valid but deliberately not stored (e.g. practice data): counted as filtered. */
  | { kind: 'filtered'; reason: string }
  /**
   * Rows for one checkpoint. `dimensions` label the checkpoint's commit metrics
   * (e.g. `{ Study: 'adrc', Datatype: 'form' }`); the first object's labels name the commit.
   */
  | { kind: 'rows'; checkpoint: string; rows: Row[]; dimensions?: Record<string, string> };

export interface FileContext {
  object: ObjectRef;
  logger: Observability['logger'];
}

/**
 * The one thing that differs between reporting lambdas: how the bytes of one file become checkpoint
 * rows. Throwing means "try again later" (the object is retried); invalid input is a verdict.
 */
export type FileProcessor<Row = TableRow> = (
  bytes: Uint8Array,
  context: FileContext
) => FileVerdict<Row> | Promise<FileVerdict<Row>>;
