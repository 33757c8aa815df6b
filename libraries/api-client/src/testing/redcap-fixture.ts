import type { RedcapProjectDefinition } from '@reporting/local-redcap';

export const TOKEN = '0123456789ABCDEF0123456789ABCDEF';

/** A small REDCap project: a report of two fields, and enough records to make a body worth cutting. */
export const PROJECT: RedcapProjectDefinition = {
  tokens: [TOKEN],
  metadata: [
    { field_name: 'record_id', form_name: 'visit', field_type: 'text', field_label: 'ID' },
    {
      field_name: 'seen',
      form_name: 'visit',
      field_type: 'checkbox',
      field_label: 'Seen by',
      select_choices_or_calculations: '1, Nurse | 2, Doctor'
    },
    {
      field_name: 'weight',
      form_name: 'visit',
      field_type: 'text',
      field_label: 'Weight',
      text_validation_type_or_show_slider_number: 'number'
    }
  ],
  records: Array.from({ length: 200 }, (_, i) => ({
    record_id: String(i + 1),
    seen: i % 2 === 0 ? ['1'] : ['1', '2'],
    weight: (50 + i / 10).toFixed(1)
  })),
  reports: { '42': { fields: ['seen', 'weight'] } }
};

/** The form of a REDCap report export as the issue specifies it. */
export function reportForm(token: string = TOKEN, reportId: string = '42'): Record<string, string> {
  return {
    token,
    content: 'report',
    report_id: reportId,
    format: 'csv',
    type: 'flat',
    rawOrLabel: 'raw',
    rawOrLabelHeaders: 'raw',
    exportCheckboxLabel: 'false',
    returnFormat: 'json'
  };
}
