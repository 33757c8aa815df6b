import { createHash } from 'node:crypto';
import {
  tableColumn,
  type TableColumn,
  type TableColumnType,
  type TableDefinition
} from '@reporting/schemas';
import { checkboxColumnName, parseChoices } from './checkbox-choices';
import { type DataDictionaryField, type FieldType, isFieldType } from './data-dictionary';
import { DataDictionaryError } from './errors';

/** The lineage column every REDCap table ends with: when the export was taken (UTC). */
export const EXPORTED_AT_COLUMN = 'exported_at';

/**
 * Export columns REDCap adds for project features the data dictionary does not describe, in the
 * order REDCap writes them after the record id. A longitudinal project exports `redcap_event_name`,
 * one with repeating instruments or events `redcap_repeat_instrument` and `redcap_repeat_instance`, …
 */
export const SYSTEM_COLUMNS = {
  redcap_event_name: 'string',
  redcap_repeat_instrument: 'string',
  redcap_repeat_instance: 'int64',
  redcap_data_access_group: 'string',
  redcap_survey_identifier: 'string'
} as const satisfies Record<string, TableColumnType>;

export type SystemColumn = keyof typeof SYSTEM_COLUMNS;

export interface RedcapTableOptions {
  /** The table's name (its `schema`), e.g. the configured report name. */
  readonly name: string;
  /** Default: `REDCap <name>`. */
  readonly title?: string;
  /** Default: a digest of the columns, so that a changed dictionary shows as a new version. */
  readonly version?: string;
  /**
   * One `<form>_complete` column after each form's fields (the form's status: raw code 0, 1 or 2),
   * as REDCap's record export writes them. Default true; a report that leaves them out gets nulls.
   */
  readonly formCompleteColumns?: boolean;
  /** System columns the project exports (not in the dictionary), placed after the record id. Default none. */
  readonly systemColumns?: readonly SystemColumn[];
}

const DATE_VALIDATIONS = new Set(['date_ymd', 'date_mdy', 'date_dmy']);
// datetime_ymd … and datetime_seconds_ymd …: raw exports are `YYYY-MM-DD HH:MM[:SS]` either way.
const DATETIME_VALIDATION = /^datetime_(seconds_)?(ymd|mdy|dmy)$/;
// number, number_1dp … number_4dp, and their _comma_decimal variants.
const NUMBER_VALIDATION = /^number(_\d+dp)?(_comma_decimal)?$/;
// What REDCap allows as a variable name (lowercase letters, digits, underscores; a letter first).
const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

/** The column type of a text field, by its validation; text without a mapped validation is a string. */
function textColumnType(validation: string): TableColumnType {
  if (DATE_VALIDATIONS.has(validation)) return 'date';
  if (DATETIME_VALIDATION.test(validation)) return 'timestamp';
  if (validation === 'integer') return 'int64';
  if (NUMBER_VALIDATION.test(validation)) return 'double';
  return 'string'; // time, email, phone, zipcode, alpha_only, a site's custom validations, none
}

/** The columns of one (non-checkbox, non-descriptive) field. */
function fieldColumnType(fieldType: Exclude<FieldType, 'checkbox' | 'descriptive'>, validation: string) {
  switch (fieldType) {
    case 'text':
      return { type: textColumnType(validation), dictionary: false };
    case 'dropdown':
    case 'radio':
    case 'sql':
      // The raw code: labels change with the dictionary, codes are what the data holds.
      return { type: 'string' as const, dictionary: true };
    case 'yesno':
    case 'truefalse':
      return { type: 'boolean' as const, dictionary: false };
    case 'calc':
      return { type: 'double' as const, dictionary: false };
    case 'slider':
      // Sliders store a whole number between their bounds (0–100 unless set).
      return { type: 'int64' as const, dictionary: false };
    case 'notes':
    case 'file':
      // A file field exports the stored file's name: whether there is a file, and which.
      return { type: 'string' as const, dictionary: false };
  }
}

function stringColumn(row: unknown, column: string): string | undefined {
  if (typeof row !== 'object' || row === null) return undefined;
  const value = (row as Record<string, unknown>)[column];
  return typeof value === 'string' ? value : undefined;
}

/**
 * The parquet table of a REDCap project's export, from its data dictionary (issue 15): one column per
 * field in dictionary order — the record id (the first field) REQUIRED, every other column OPTIONAL —
 * one BOOLEAN column per checkbox choice (`field___code`, in choice order), `<form>_complete` after
 * each form, then the `exported_at` lineage TIMESTAMP. Descriptive fields have no column. A dictionary
 * the mapping cannot take throws a DataDictionaryError naming the field. The rules and their reasons:
 * docs/decisions/0074-redcap-column-types.md.
 */
export function tableFromDataDictionary(
  dictionary: readonly DataDictionaryField[],
  options: RedcapTableOptions
): TableDefinition {
  const columns: TableColumn[] = [];
  // column name → where it comes from: a field, or a feature (form status, system, lineage column)
  const owners = new Map<string, { field: string | undefined; what: string }>();
  const add = (column: TableColumn, field: string | undefined, what = `field "${field}"`): void => {
    const previous = owners.get(column.name);
    if (previous !== undefined) {
      const clash = previous.what === what ? 'twice' : `for ${previous.what} and for ${what}`;
      throw new DataDictionaryError(field ?? previous.field, `column "${column.name}" appears ${clash}`);
    }
    owners.set(column.name, { field, what });
    columns.push(column);
  };
  const formComplete = options.formCompleteColumns ?? true;
  const completeForm = (form: string): void => {
    if (!formComplete) return;
    add(
      tableColumn(`${form}_complete`, 'string', { dictionary: true }),
      undefined,
      `the status of form "${form}"`
    );
  };

  if (dictionary.length === 0) throw new DataDictionaryError(undefined, 'has no fields (no record id field)');
  let form: string | undefined;
  dictionary.forEach((row, index) => {
    const name = stringColumn(row, 'field_name');
    if (name === undefined || !FIELD_NAME.test(name)) {
      throw new DataDictionaryError(
        name,
        `row ${index + 1}: field_name must be a REDCap variable name (lowercase letters, digits and underscores, a letter first)`
      );
    }
    const fieldType = stringColumn(row, 'field_type') ?? '';
    if (!isFieldType(fieldType)) {
      throw new DataDictionaryError(name, `unknown field_type ${JSON.stringify(fieldType)}`);
    }
    const rowForm = stringColumn(row, 'form_name') ?? '';
    if (rowForm === '') throw new DataDictionaryError(name, 'has no form_name');
    if (form !== undefined && rowForm !== form) completeForm(form);
    form = rowForm;

    if (index === 0) {
      if (fieldType === 'checkbox' || fieldType === 'descriptive') {
        throw new DataDictionaryError(
          name,
          `the record id field (the first field) cannot be a ${fieldType} field`
        );
      }
      const { type } = fieldColumnType(
        fieldType,
        stringColumn(row, 'text_validation_type_or_show_slider_number') ?? ''
      );
      add(tableColumn(name, type, { required: true }), name);
      for (const system of options.systemColumns ?? []) {
        const dictionaryEncoded = system !== 'redcap_repeat_instance';
        add(
          tableColumn(system, SYSTEM_COLUMNS[system], { dictionary: dictionaryEncoded }),
          undefined,
          system
        );
      }
      return;
    }
    if (fieldType === 'descriptive') return; // text shown on the form, never data
    if (fieldType === 'checkbox') {
      const parsed = parseChoices(stringColumn(row, 'select_choices_or_calculations') ?? '');
      if ('invalid' in parsed) {
        throw new DataDictionaryError(
          name,
          `checkbox choice ${JSON.stringify(parsed.invalid)} is not "code, label"`
        );
      }
      if (parsed.choices.length === 0) throw new DataDictionaryError(name, 'checkbox field has no choices');
      for (const { code } of parsed.choices) {
        add(tableColumn(checkboxColumnName(name, code), 'boolean'), name);
      }
      return;
    }
    const validation = stringColumn(row, 'text_validation_type_or_show_slider_number') ?? '';
    const { type, dictionary: encoded } = fieldColumnType(fieldType, validation);
    add(tableColumn(name, type, { dictionary: encoded }), name);
  });
  if (form !== undefined) completeForm(form);
  add(tableColumn(EXPORTED_AT_COLUMN, 'timestamp', { lineage: true }), undefined, 'the lineage column');

  return {
    schema: options.name,
    title: options.title ?? `REDCap ${options.name}`,
    version: options.version ?? columnsDigest(columns),
    columns,
    sortColumn: null,
    keyPlaceholders: []
  };
}

/** A short digest of the column list: equal dictionaries (as tables) get equal versions. */
function columnsDigest(columns: readonly TableColumn[]): string {
  const text = columns.map((c) => `${c.name}:${c.type}:${c.repetition}`).join(',');
  return createHash('sha256').update(text).digest('hex').slice(0, 12);
}
