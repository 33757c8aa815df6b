/**
 * REDCap's data dictionary as the API exports it (`content=metadata`): one row per field, these
 * columns in this order (REDCap 15's "Export Metadata (Data Dictionary)" method).
 */
export const METADATA_COLUMNS = [
  'field_name',
  'form_name',
  'section_header',
  'field_type',
  'field_label',
  'select_choices_or_calculations',
  'field_note',
  'text_validation_type_or_show_slider_number',
  'text_validation_min',
  'text_validation_max',
  'identifier',
  'branching_logic',
  'required_field',
  'custom_alignment',
  'question_number',
  'matrix_group_name',
  'matrix_ranking',
  'field_annotation'
] as const;

export type MetadataColumn = (typeof METADATA_COLUMNS)[number];

/** The field types of REDCap's online designer and data dictionary. */
export type RedcapFieldType =
  | 'text'
  | 'notes'
  | 'dropdown'
  | 'radio'
  | 'checkbox'
  | 'yesno'
  | 'truefalse'
  | 'calc'
  | 'descriptive'
  | 'file'
  | 'slider'
  | 'sql';

/**
 * One data dictionary row. Only name, form, type and label are needed to declare a field; every
 * other column is exported as '' when absent, as REDCap does.
 */
export type MetadataRow = {
  field_name: string;
  form_name: string;
  field_type: RedcapFieldType;
  field_label: string;
} & Partial<
  Record<Exclude<MetadataColumn, 'field_name' | 'form_name' | 'field_type' | 'field_label'>, string>
>;

/** A row with every column, in REDCap's order. */
export function completeMetadataRow(row: MetadataRow): Record<MetadataColumn, string> {
  const complete = {} as Record<MetadataColumn, string>;
  for (const column of METADATA_COLUMNS)
    complete[column] = (row as Partial<Record<MetadataColumn, string>>)[column] ?? '';
  return complete;
}

export interface Choice {
  code: string;
  label: string;
}

/**
 * The choices of a dropdown, radio or checkbox field: `1, Yes | 2, No` (the code is everything
 * before the first comma, so labels may contain commas).
 */
export function parseChoices(choices: string): Choice[] {
  return choices
    .split('|')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const comma = part.indexOf(',');
      return comma < 0
        ? { code: part, label: part }
        : { code: part.slice(0, comma).trim(), label: part.slice(comma + 1).trim() };
    });
}

/**
 * The export column of one checkbox choice: `field___code`, the code lower-cased and every
 * character other than a letter, digit or underscore replaced by `_` (REDCap writes code `-1` as
 * `field____1`).
 */
export function checkboxColumn(fieldName: string, code: string): string {
  return `${fieldName}___${code.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`;
}

/** The name of a form's completion status field, exported after the form's own fields. */
export function formCompleteField(formName: string): string {
  return `${formName}_complete`;
}
