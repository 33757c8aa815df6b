import type { MetadataRow } from './data-dictionary';

/** A raw value as REDCap stores it; a checkbox field holds the codes of its checked choices. */
export type RedcapValue = string | readonly string[];

/** One record of a classic (non-longitudinal, non-repeating) project, by field name. */
export type RedcapRecord = Readonly<Record<string, RedcapValue | undefined>>;

/** A report of the "Data Exports, Reports, and Stats" page: its fields, in order, and a filter. */
export interface RedcapReport {
  /** Field names (a checkbox field exports all its choices); the record id field is always first. */
  fields: readonly string[];
  /** Which records the report keeps (REDCap's "filter" section); default all. */
  filter?: (record: RedcapRecord) => boolean;
}

export interface RedcapProjectDefinition {
  /** API tokens of this project (REDCap: 32 hexadecimal characters, one per user). */
  tokens: readonly string[];
  /** The data dictionary; its first field is the record id field. */
  metadata: readonly MetadataRow[];
  records?: readonly RedcapRecord[];
  /** Reports by report id (REDCap's report ids are numbers, unique across the server). */
  reports?: Readonly<Record<string, RedcapReport>>;
}
