import { ReportingError } from '@reporting/utils';

/**
 * A data dictionary the mapping refuses (duplicate field names, a checkbox without choices, an
 * unknown field type, …), naming the field. Not retryable: the project's dictionary must change.
 * A 500 to a direct caller: the details stay in the log.
 */
export class DataDictionaryError extends ReportingError {
  public readonly name = 'DataDictionaryError';
  public readonly statusCode = 500;
  public readonly retryable = false;

  public constructor(
    /** The field the problem is about, or undefined for the dictionary as a whole. */
    public readonly field: string | undefined,
    public readonly problem: string
  ) {
    super(`REDCap data dictionary: ${field === undefined ? '' : `field "${field}": `}${problem}`);
  }
}

/**
 * A CSV export that contradicts its table: malformed CSV, a column the dictionary does not have, or a
 * value its column type refuses. Names the physical line (1-based, where the record ends) and, for a
 * value, the field and the value. Values are REDCap data (possibly identifying), so this is a 500 to
 * a direct caller: the message is logged, never returned.
 */
export class RedcapCsvError extends ReportingError {
  public readonly name = 'RedcapCsvError';
  public readonly statusCode = 500;
  public readonly retryable = false;

  public constructor(
    public readonly line: number | undefined,
    public readonly field: string | undefined,
    public readonly problem: string
  ) {
    super(
      `REDCap CSV${line === undefined ? '' : `, line ${line}`}${field === undefined ? '' : `, field "${field}"`}: ${problem}`
    );
  }
}
