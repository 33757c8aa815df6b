import { parse } from 'csv-parse/sync';
import type { DataDictionaryField } from './data-dictionary';
import { DataDictionaryError } from './errors';

const NEEDED = ['field_name', 'form_name', 'field_type'];

/**
 * The rows of a data dictionary exported as CSV by the API (`content=metadata&format=csv`: a header
 * of REDCap's column names, one row per field). The dictionary is small (one row per field), so
 * it is read whole. A header without field_name, form_name or field_type throws DataDictionaryError.
 */
export function dataDictionaryFromCsv(csv: string | Buffer): DataDictionaryField[] {
  let rows: Record<string, string>[];
  try {
    rows = parse(csv, { bom: true, columns: true, skip_empty_lines: true });
  } catch (error) {
    throw new DataDictionaryError(undefined, `the CSV cannot be read: ${(error as Error).message}`);
  }
  const header = rows.length === 0 ? [] : Object.keys(rows[0]);
  const missing = NEEDED.filter((column) => !header.includes(column));
  if (rows.length > 0 && missing.length > 0) {
    throw new DataDictionaryError(undefined, `the CSV has no ${missing.join(', ')} column`);
  }
  return rows as unknown as DataDictionaryField[];
}
