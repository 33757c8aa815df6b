import type { Source, TableRow } from '@reporting/checkpoint-store';

/** Rows of one source object, appended to a checkpoint at most once. */
export interface SourceBatch<Row = TableRow> {
  source: Source;
  rows: Row[];
}

export interface SinkAppendResult {
  /** Sources the checkpoint had already applied (a redelivery after an earlier commit): nothing written for them. */
  skipped: Source[];
  rowsAppended: number;
  totalRows: number;
  /** Size of the checkpoint object after the commit. */
  bytes: number;
  /** True when the commit first rewrote a checkpoint written under an older table version (new columns). */
  upgraded?: boolean;
}

/** Where validated rows go: one conditional commit per call, exactly once per source. */
export interface CheckpointSink<Row = TableRow> {
  append(checkpointKey: string, batches: SourceBatch<Row>[]): Promise<SinkAppendResult>;
}
