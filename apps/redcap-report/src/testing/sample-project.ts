import type { MetadataRow, RedcapProjectDefinition, RedcapRecord } from '@reporting/local-redcap';

/** The API token of the sample project (REDCap's shape: 32 hexadecimal characters). */
export const SAMPLE_TOKEN = '0123456789ABCDEF0123456789ABCDEF';
export const SAMPLE_REPORT_ID = '42';

/** A data dictionary with one field of every mapped kind, over two forms. */
export const SAMPLE_METADATA: readonly MetadataRow[] = [
  { field_name: 'record_id', form_name: 'enrolment', field_type: 'text', field_label: 'Record ID' },
  {
    field_name: 'dob',
    form_name: 'enrolment',
    field_type: 'text',
    field_label: 'Date of birth',
    text_validation_type_or_show_slider_number: 'date_ymd'
  },
  {
    field_name: 'enrolled_at',
    form_name: 'enrolment',
    field_type: 'text',
    field_label: 'Enrolled at',
    text_validation_type_or_show_slider_number: 'datetime_seconds_ymd'
  },
  {
    field_name: 'age',
    form_name: 'enrolment',
    field_type: 'text',
    field_label: 'Age',
    text_validation_type_or_show_slider_number: 'integer'
  },
  {
    field_name: 'weight',
    form_name: 'enrolment',
    field_type: 'text',
    field_label: 'Weight (kg)',
    text_validation_type_or_show_slider_number: 'number'
  },
  { field_name: 'consent', form_name: 'enrolment', field_type: 'yesno', field_label: 'Consent given' },
  {
    field_name: 'site',
    form_name: 'enrolment',
    field_type: 'radio',
    field_label: 'Site',
    select_choices_or_calculations: '1, North | 2, South'
  },
  {
    field_name: 'symptoms',
    form_name: 'visit',
    field_type: 'checkbox',
    field_label: 'Symptoms',
    select_choices_or_calculations: '1, Fever | 2, Cough | 3, Fatigue'
  },
  {
    field_name: 'score',
    form_name: 'visit',
    field_type: 'calc',
    field_label: 'Score',
    select_choices_or_calculations: '[age] / 10'
  },
  { field_name: 'comments', form_name: 'visit', field_type: 'notes', field_label: 'Comments' }
];

/** Record `i` of the sample project (deterministic: tests compare what they read with these). */
export function sampleRecord(i: number): RedcapRecord {
  const day = String((i % 28) + 1).padStart(2, '0');
  return {
    record_id: String(i),
    dob: `19${50 + (i % 40)}-0${(i % 9) + 1}-${day}`,
    enrolled_at: `2024-03-${day} 0${i % 10}:15:30`,
    age: String(20 + (i % 60)),
    weight: (55 + (i % 30) + 0.5).toFixed(1),
    consent: i % 3 === 0 ? '0' : '1',
    site: i % 2 === 0 ? '1' : '2',
    symptoms: i % 4 === 0 ? [] : i % 4 === 1 ? ['1'] : ['2', '3'],
    score: String((20 + (i % 60)) / 10),
    comments: i % 5 === 0 ? '' : `note, "quoted" ${i}`,
    enrolment_complete: '2',
    visit_complete: i % 2 === 0 ? '2' : '0'
  };
}

export function sampleRecords(count: number, first: number = 1): RedcapRecord[] {
  return Array.from({ length: count }, (_, index) => sampleRecord(first + index));
}

/** The sample project: `count` records and report 42 (every field but the comments). */
export function sampleProject(count: number = 25): RedcapProjectDefinition {
  return {
    tokens: [SAMPLE_TOKEN],
    metadata: SAMPLE_METADATA,
    records: sampleRecords(count),
    reports: {
      [SAMPLE_REPORT_ID]: {
        fields: ['dob', 'enrolled_at', 'age', 'weight', 'consent', 'site', 'symptoms', 'score']
      }
    }
  };
}
