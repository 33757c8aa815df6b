import type { TableLayout } from './table/table-layout';
import type { AppliedSources } from './sources/applied-sources';
import { APPLIED_SOURCES_KEY } from './sources/applied-sources';

/** Key-value metadata key naming this library's file format version. */
export const SCHEMA_VERSION_KEY = 'reporting.checkpoint.schema';
export const SCHEMA_VERSION = '1';
/** Key-value metadata key naming the table (schema name and version) the file was written for. */
export const TABLE_KEY = 'reporting.table';

/** The key-value entries of every footer this library writes. */
export function footerKeyValues(layout: TableLayout, applied: AppliedSources): Record<string, string> {
  const { schema, version } = layout.definition;
  return {
    [SCHEMA_VERSION_KEY]: SCHEMA_VERSION,
    [TABLE_KEY]: `${schema}@${version}`,
    [APPLIED_SOURCES_KEY]: applied.encode()
  };
}
