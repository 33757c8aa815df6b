import { dataDictionaryFromCsv } from './data-dictionary-csv';
import { DataDictionaryError } from './errors';
import { tableFromDataDictionary } from './table-from-data-dictionary';

const METADATA_CSV = [
  '\uFEFFfield_name,form_name,section_header,field_type,field_label,select_choices_or_calculations,field_note,text_validation_type_or_show_slider_number,text_validation_min,text_validation_max,identifier,branching_logic,required_field,custom_alignment,question_number,matrix_group_name,matrix_ranking,field_annotation',
  'record_id,enrolment,,text,"Record ID",,,,,,,,,,,,,',
  'dob,enrolment,"Demographics",text,"Date of birth",,,date_mdy,,,y,,y,,,,,',
  'symptoms,enrolment,,checkbox,"Symptoms","1, Fever | 2, Cough, dry",,,,,,"[dob] <> """"",,,,,,'
].join('\r\n');

describe('dataDictionaryFromCsv', () => {
  it("reads the API's metadata CSV into rows the mapping takes", () => {
    const rows = dataDictionaryFromCsv(METADATA_CSV);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toMatchObject({
      field_name: 'symptoms',
      field_type: 'checkbox',
      select_choices_or_calculations: '1, Fever | 2, Cough, dry',
      branching_logic: '[dob] <> ""'
    });
    const table = tableFromDataDictionary(rows, { name: 'enrolment' });
    expect(table.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'record_id:string',
      'dob:date',
      'symptoms___1:boolean',
      'symptoms___2:boolean',
      'enrolment_complete:string',
      'exported_at:timestamp'
    ]);
  });

  it('reads an empty body as no rows (which the mapping then refuses)', () => {
    expect(dataDictionaryFromCsv('')).toEqual([]);
  });

  it('refuses a CSV without the columns the mapping reads, or one that is not CSV', () => {
    expect(() => dataDictionaryFromCsv('Variable / Field Name,Form Name\nrecord_id,f\n')).toThrow(
      /no field_name, form_name, field_type column/
    );
    expect(() => dataDictionaryFromCsv('field_name,form_name,field_type\n"record_id,f,text\n')).toThrow(
      DataDictionaryError
    );
  });
});
