import type { MetadataRow } from '../data-dictionary';
import type { RedcapProjectDefinition, RedcapRecord } from '../project';

/** A classic project with one field of every type and validation the exports deal with. */
export const SAMPLE_METADATA: MetadataRow[] = [
  { field_name: 'record_id', form_name: 'demographics', field_type: 'text', field_label: 'Record ID' },
  {
    field_name: 'intro',
    form_name: 'demographics',
    field_type: 'descriptive',
    field_label: 'Please answer every question.',
    section_header: 'About you'
  },
  {
    field_name: 'name',
    form_name: 'demographics',
    field_type: 'text',
    field_label: 'Full name',
    identifier: 'y'
  },
  {
    field_name: 'dob',
    form_name: 'demographics',
    field_type: 'text',
    field_label: 'Date of birth',
    text_validation_type_or_show_slider_number: 'date_ymd',
    text_validation_min: '1900-01-01'
  },
  {
    field_name: 'age',
    form_name: 'demographics',
    field_type: 'text',
    field_label: 'Age',
    text_validation_type_or_show_slider_number: 'integer',
    text_validation_min: '0',
    text_validation_max: '120',
    required_field: 'y'
  },
  {
    field_name: 'sex',
    form_name: 'demographics',
    field_type: 'radio',
    field_label: 'Sex',
    select_choices_or_calculations: '1, Female | 2, Male'
  },
  {
    field_name: 'race',
    form_name: 'demographics',
    field_type: 'checkbox',
    field_label: 'Race (all that apply)',
    select_choices_or_calculations: '1, White | 2, Black, or African American | -1, Unknown'
  },
  { field_name: 'consent', form_name: 'demographics', field_type: 'yesno', field_label: 'Consented?' },
  {
    field_name: 'visit_at',
    form_name: 'visit',
    field_type: 'text',
    field_label: 'Visit time',
    text_validation_type_or_show_slider_number: 'datetime_seconds_ymd'
  },
  {
    field_name: 'weight',
    form_name: 'visit',
    field_type: 'text',
    field_label: 'Weight (kg)',
    text_validation_type_or_show_slider_number: 'number',
    branching_logic: "[consent] = '1'"
  },
  {
    field_name: 'bmi',
    form_name: 'visit',
    field_type: 'calc',
    field_label: 'BMI',
    select_choices_or_calculations: '[weight]/(1.7^2)'
  },
  { field_name: 'fasting', form_name: 'visit', field_type: 'truefalse', field_label: 'Fasting' },
  { field_name: 'comments', form_name: 'visit', field_type: 'notes', field_label: 'Comments' }
];

export const SAMPLE_RECORDS: RedcapRecord[] = [
  {
    record_id: '1',
    name: 'Ada Lovelace',
    dob: '1815-12-10',
    age: '36',
    sex: '1',
    race: ['1', '-1'],
    consent: '1',
    demographics_complete: '2',
    visit_at: '2024-03-01 09:30:00',
    weight: '55.5',
    bmi: '19.2',
    fasting: '0',
    comments: 'said "hello", then left\nsecond line',
    visit_complete: '1'
  },
  {
    record_id: '2',
    name: 'Alan',
    age: '41',
    sex: '2',
    race: ['2'],
    consent: '0',
    demographics_complete: '0'
  },
  { record_id: '3', name: 'Grace', age: '85', sex: '1', consent: '1' }
];

export const SAMPLE_TOKEN = 'A1B2C3D4E5F60718293A4B5C6D7E8F90';
export const OTHER_TOKEN = 'FFFFEEEEDDDDCCCCBBBBAAAA99998888';

export function sampleProject(overrides: Partial<RedcapProjectDefinition> = {}): RedcapProjectDefinition {
  return {
    tokens: [SAMPLE_TOKEN],
    metadata: SAMPLE_METADATA,
    records: SAMPLE_RECORDS,
    reports: {
      '42': { fields: ['age', 'race', 'weight'], filter: (record) => record.consent === '1' },
      '43': { fields: ['sex', 'record_id', 'visit_complete'] }
    },
    ...overrides
  };
}

/** Posts a form the way every REDCap client does. */
export async function post(
  url: string,
  form: Record<string, string>,
  signal?: AbortSignal
): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(form), signal });
}
