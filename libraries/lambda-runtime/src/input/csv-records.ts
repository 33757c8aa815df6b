import type { Validator } from '@reporting/schemas';
import { CsvError, parse } from 'csv-parse/sync';
import { coerceCell, columnCoercion, type ColumnCoercion, type RecordSchema } from './csv-coercion';
import { checkRecord } from './json-text';
import { LineIndex } from './line-index';
import { RecordFailures, type ParsedRecords } from './record-failures';

/** A record as csv-parse returns it with `info: true`; `bytes` is the offset just past its delimiter. */
interface ParsedRow {
  record: string[];
  info: { bytes: number };
}

interface Column {
  name: string;
  coercion: ColumnCoercion;
}

/** The header's columns, or every reason it cannot be used (unnamed, repeated, unknown columns). */
function readHeader(
  names: readonly string[],
  schema: RecordSchema
): { columns: Column[]; reasons: [] } | { columns: []; reasons: string[] } {
  const reasons: string[] = [];
  const properties = schema.properties ?? {};
  const additional = schema.additionalProperties;
  const firstColumnOf = new Map<string, number>();
  const columns = names.map((raw, index) => {
    const name = raw.trim(); // spreadsheets often pad header cells
    const position = index + 1;
    const first = firstColumnOf.get(name);
    if (name === '') reasons.push(`header: column ${position} has no name`);
    else if (first !== undefined)
      reasons.push(`header: column "${name}" appears twice (columns ${first} and ${position})`);
    else if (!Object.hasOwn(properties, name) && additional === false)
      reasons.push(
        `header: column "${name}" is not a field of ${schema.title ?? 'the schema'} ` +
          `(fields: ${Object.keys(properties).join(', ')})`
      );
    if (first === undefined) firstColumnOf.set(name, position);
    const property = Object.hasOwn(properties, name)
      ? properties[name]
      : typeof additional === 'object'
        ? additional
        : undefined;
    return { name, coercion: columnCoercion(property) };
  });
  return reasons.length > 0 ? { columns: [], reasons } : { columns, reasons: [] };
}

/**
 * The record of one row, or the reasons it has none. An empty (or blank) cell is null where the
 * property allows null and absent otherwise (so a required property is reported missing by the
 * validator). Validator messages about a cell that could not be coerced are dropped: that cell's own
 * reason says more.
 */
function rowRecord<T>(
  cells: readonly string[],
  columns: readonly Column[],
  validate: Validator<T>
): { valid: true; value: T } | { valid: false; reasons: string[] } {
  // No prototype: a column named "__proto__" is a plain field (the validator copies it into a plain object).
  const record: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const reasons: string[] = [];
  const failed: string[] = [];
  columns.forEach(({ name, coercion }, index) => {
    const cell = cells[index];
    if (cell.trim() === '') {
      if (coercion.nullable) record[name] = null;
      return;
    }
    const coerced = coerceCell(cell, coercion);
    if (coerced.ok) record[name] = coerced.value;
    else {
      reasons.push(`${name}: ${coerced.reason}`);
      failed.push(name);
    }
  });
  const checked = checkRecord(record, validate);
  if (checked.valid && reasons.length === 0) return checked;
  const about = (reason: string): boolean =>
    failed.some((name) => reason.startsWith(`${name}: `) || reason.startsWith(`${name}.`));
  return {
    valid: false,
    reasons: [...reasons, ...(checked.valid ? [] : checked.reasons.filter((r) => !about(r)))]
  };
}

/**
 * CSV (RFC 4180: quoted fields may hold commas, quotes as "" and line breaks; LF, CRLF or CR line
 * endings): a header row naming the schema's properties, then one record per row. Cells are coerced by
 * the schema's property types (`csv-coercion.ts`). Blank lines are skipped; a header alone is a file of
 * no records. Positions are `line 12 (record 11)`, the physical line where the row starts.
 */
export function parseCsvRecords<T>(
  text: string,
  validate: Validator<T>,
  schema: RecordSchema
): ParsedRecords<T> {
  let rows: ParsedRow[];
  try {
    // `info: true` makes each row `{ record, info }`; the typings do not say so.
    rows = parse(text, {
      info: true, // the byte-order mark is gone with decoding: no `bom` option, so offsets stay exact
      // Any line ending, even mixed in one file (csv-parse would otherwise keep the first one it sees).
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: true
    }) as unknown as ParsedRow[];
  } catch (error) {
    if (error instanceof CsvError)
      return { valid: false, reasons: [`file is not valid CSV: ${error.message}`] };
    throw error;
  }
  if (rows.length === 0) return { valid: false, reasons: ['file has no header row'] };
  const { columns, reasons } = readHeader(rows[0].record, schema);
  if (reasons.length > 0) return { valid: false, reasons };
  // csv-parse's own `info.lines` counts a CRLF inside a quoted field as two lines; its byte offsets are
  // exact, so a row's line is found from where the previous row ended.
  const lines = new LineIndex(Buffer.from(text, 'utf8'));
  const failures = new RecordFailures();
  const records: T[] = [];
  for (let index = 1; index < rows.length; index += 1) {
    const { record: cells } = rows[index];
    const line = lines.lineAt(lines.skipLineBreaks(rows[index - 1].info.bytes));
    const position = `line ${line} (record ${index})`;
    if (cells.length !== columns.length) {
      const fields = `${cells.length} field${cells.length === 1 ? '' : 's'}`;
      failures.add(position, [`has ${fields}, the header has ${columns.length}`]);
      continue;
    }
    const result = rowRecord(cells, columns, validate);
    if (result.valid) records.push(result.value);
    else failures.add(position, result.reasons);
  }
  return failures.outcome(records);
}
