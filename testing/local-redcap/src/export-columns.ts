import { checkboxColumn, formCompleteField, type MetadataRow, parseChoices } from './data-dictionary';
import type { RedcapRecord } from './project';

/** One column of a flat record export: its header and how a record gives its raw value. */
export interface ExportColumn {
  header: string;
  value(record: RedcapRecord): string;
}

/** What a request asked for that the project does not have, by parameter name. */
export class InvalidExportParameter extends Error {
  public constructor(
    public readonly parameter: 'fields' | 'forms',
    public readonly values: readonly string[]
  ) {
    super(
      `The following values in the parameter "${parameter}" are not valid: ${values.map((v) => `'${v}'`).join(', ')}`
    );
  }
}

/**
 * Every exportable field name in REDCap's export order: the dictionary's order, each form followed
 * by its `<form>_complete` status field. Descriptive fields hold no data and are never exported.
 */
export function exportOrder(metadata: readonly MetadataRow[]): string[] {
  const order: string[] = [];
  metadata.forEach((row, index) => {
    if (row.field_type !== 'descriptive') order.push(row.field_name);
    const next = metadata[index + 1];
    if (!next || next.form_name !== row.form_name) order.push(formCompleteField(row.form_name));
  });
  return order;
}

/** The field names of a record export with optional `fields` and `forms`, in export order. */
export function recordExportFields(
  metadata: readonly MetadataRow[],
  fields: readonly string[],
  forms: readonly string[]
): string[] {
  const order = exportOrder(metadata);
  const known = new Set([...metadata.map((row) => row.field_name), ...order]);
  const badFields = fields.filter((field) => !known.has(field));
  if (badFields.length > 0) throw new InvalidExportParameter('fields', badFields);
  const formNames = new Set(metadata.map((row) => row.form_name));
  const badForms = forms.filter((form) => !formNames.has(form));
  if (badForms.length > 0) throw new InvalidExportParameter('forms', badForms);
  if (fields.length === 0 && forms.length === 0) return order;
  const wanted = new Set([metadata[0].field_name, ...fields]);
  for (const row of metadata) if (forms.includes(row.form_name)) wanted.add(row.field_name);
  for (const form of forms) wanted.add(formCompleteField(form));
  return order.filter((field) => wanted.has(field));
}

/** The field names of a report: the record id field, then the report's fields in its order. */
export function reportExportFields(
  metadata: readonly MetadataRow[],
  reportFields: readonly string[]
): string[] {
  const recordId = metadata[0].field_name;
  const exportable = new Set(exportOrder(metadata));
  const unknown = reportFields.filter((field) => !exportable.has(field));
  if (unknown.length > 0) throw new InvalidExportParameter('fields', unknown);
  return [recordId, ...reportFields.filter((field) => field !== recordId)];
}

/** The flat export columns of fields: a checkbox field becomes one 0/1 column per choice. */
export function exportColumns(
  metadata: readonly MetadataRow[],
  fieldNames: readonly string[]
): ExportColumn[] {
  const rows = new Map(metadata.map((row) => [row.field_name, row]));
  return fieldNames.flatMap((name): ExportColumn[] => {
    const row = rows.get(name);
    if (row?.field_type === 'checkbox') {
      return parseChoices(row.select_choices_or_calculations ?? '').map((choice) => ({
        header: checkboxColumn(name, choice.code),
        value: (record) => (checkedCodes(record, name).includes(choice.code) ? '1' : '0')
      }));
    }
    return [{ header: name, value: (record) => scalar(record, name) }];
  });
}

function checkedCodes(record: RedcapRecord, field: string): readonly string[] {
  const value = record[field];
  if (value === undefined || value === '') return [];
  if (typeof value === 'string') throw new Error(`checkbox field ${field} must hold an array of codes`);
  return value;
}

function scalar(record: RedcapRecord, field: string): string {
  const value = record[field];
  if (value === undefined) return '';
  if (typeof value !== 'string') throw new Error(`field ${field} is not a checkbox; it must hold a string`);
  return value;
}
