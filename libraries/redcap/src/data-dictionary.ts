/**
 * One row of a REDCap project's data dictionary, as the API's `content=metadata` export returns it
 * (JSON objects, or CSV with these names as the header). Only the columns the table mapping reads are
 * typed; the others (section_header, field_label, branching_logic, …) are carried but ignored.
 */
export interface DataDictionaryField {
  readonly field_name: string;
  readonly form_name: string;
  readonly field_type: string;
  /** Choices (`code, label | …`) of dropdown/radio/checkbox, or the formula of a calc field. */
  readonly select_choices_or_calculations?: string;
  /** A text field's validation (date_ymd, integer, number_2dp, …); for a slider, whether it shows its number. */
  readonly text_validation_type_or_show_slider_number?: string;
  readonly [column: string]: unknown;
}

/** REDCap's field types (the data dictionary's `field_type` column). */
export const FIELD_TYPES = [
  'text',
  'notes',
  'dropdown',
  'radio',
  'checkbox',
  'yesno',
  'truefalse',
  'calc',
  'slider',
  'file',
  'sql',
  'descriptive'
] as const;

export type FieldType = (typeof FIELD_TYPES)[number];

const KNOWN_FIELD_TYPES: ReadonlySet<string> = new Set(FIELD_TYPES);

export function isFieldType(value: string): value is FieldType {
  return KNOWN_FIELD_TYPES.has(value);
}
