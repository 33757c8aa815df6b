import type { SchemaElement } from 'hyparquet';
import type { VisitEvent } from '@reporting/schemas';

/**
 * One visit event as stored in a checkpoint: the 13 event columns, typed as in `VisitEvent`
 * except that optional fields are explicit nulls, `study` is always present (its default
 * applied), and `timestamp` is microseconds since the Unix epoch, UTC, as a bigint (lossless
 * for the parquet INT64 µs column; a `Date` would drop the microseconds).
 */
export interface CheckpointRow {
  action: VisitEvent['action'];
  study: string;
  pipeline_adcid: number;
  project_label: string;
  center_label: string;
  gear_name: string;
  ptid: string;
  visit_date: string;
  visit_number: string | null;
  datatype: VisitEvent['datatype'];
  module: string | null;
  packet: string | null;
  /** Microseconds since 1970-01-01T00:00:00Z. */
  timestamp: bigint;
}

/** Which S3 object rows came from and when they were ingested. Null for rows upgraded from an older file. */
export interface LineageFields {
  /** Object key (include the bucket, e.g. `s3://bucket/key`, where several buckets feed one checkpoint). */
  source_key: string | null;
  /** Object version id, or its ETag where the bucket is not versioned. */
  source_version: string | null;
  /** Microseconds since the epoch, UTC: when the append that wrote the row was encoded. */
  ingested_at: bigint | null;
}

/** A row as read back from a checkpoint. */
export type StoredCheckpointRow = CheckpointRow & LineageFields;

export type ColumnKind = 'string' | 'int32' | 'timestamp';

export interface CheckpointColumn {
  readonly name: keyof StoredCheckpointRow;
  readonly kind: ColumnKind;
  readonly nullable: boolean;
}

/** The 13 event columns, in file order (docs: shared event-log spec, "Checkpoint parquet"). */
export const EVENT_COLUMNS: readonly CheckpointColumn[] = [
  { name: 'action', kind: 'string', nullable: false },
  { name: 'study', kind: 'string', nullable: false },
  { name: 'pipeline_adcid', kind: 'int32', nullable: false },
  { name: 'project_label', kind: 'string', nullable: false },
  { name: 'center_label', kind: 'string', nullable: false },
  { name: 'gear_name', kind: 'string', nullable: false },
  { name: 'ptid', kind: 'string', nullable: false },
  { name: 'visit_date', kind: 'string', nullable: false },
  { name: 'visit_number', kind: 'string', nullable: true },
  { name: 'datatype', kind: 'string', nullable: false },
  { name: 'module', kind: 'string', nullable: true },
  { name: 'packet', kind: 'string', nullable: true },
  { name: 'timestamp', kind: 'timestamp', nullable: false }
];

/** Lineage columns; nullable because rows upgraded from files written without them have none. */
export const LINEAGE_COLUMNS: readonly CheckpointColumn[] = [
  { name: 'source_key', kind: 'string', nullable: true },
  { name: 'source_version', kind: 'string', nullable: true },
  { name: 'ingested_at', kind: 'timestamp', nullable: true }
];

export const CHECKPOINT_COLUMNS: readonly CheckpointColumn[] = [...EVENT_COLUMNS, ...LINEAGE_COLUMNS];

export const CHECKPOINT_COLUMN_NAMES: readonly (keyof StoredCheckpointRow)[] = CHECKPOINT_COLUMNS.map(
  (column) => column.name
);

/** Key-value metadata key naming this library's schema version (a file without it is upgraded). */
export const SCHEMA_VERSION_KEY = 'reporting.checkpoint.schema';
export const SCHEMA_VERSION = '1';

/** The parquet schema elements written for a checkpoint (root first). */
export function checkpointSchemaElements(): SchemaElement[] {
  return [
    { name: 'schema', num_children: CHECKPOINT_COLUMNS.length },
    ...CHECKPOINT_COLUMNS.map((column) => columnElement(column))
  ];
}

function columnElement({ name, kind, nullable }: CheckpointColumn): SchemaElement {
  const repetition = nullable ? 'OPTIONAL' : 'REQUIRED';
  switch (kind) {
    case 'string':
      return {
        name,
        type: 'BYTE_ARRAY',
        repetition_type: repetition,
        converted_type: 'UTF8',
        logical_type: { type: 'STRING' }
      };
    case 'int32':
      // Plain INT32 (DuckDB INTEGER). No INTEGER(32, signed) logical type: hyparquet-writer 0.17
      // encodes its bitWidth as i32 instead of i8, which DuckDB rejects ("TProtocolException").
      return { name, type: 'INT32', repetition_type: repetition };
    case 'timestamp':
      return {
        name,
        type: 'INT64',
        repetition_type: repetition,
        converted_type: 'TIMESTAMP_MICROS',
        logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' }
      };
  }
}
