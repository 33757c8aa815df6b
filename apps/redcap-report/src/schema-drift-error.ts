import { ReportingError } from '@reporting/utils';

/**
 * A column of the report's table whose type the data dictionary has changed (e.g. a text field that
 * became an integer): the run writes nothing and the previous file stays as it was. Fixing it is a
 * decision (a new table key, or a rewrite of the old file), not a retry.
 */
export class SchemaDriftError extends ReportingError {
  public readonly name = 'SchemaDriftError';
  public readonly statusCode = 500;
  public readonly retryable = false;

  public constructor(
    public readonly report: string,
    public readonly changes: readonly string[],
    options?: ErrorOptions
  ) {
    super(
      `report ${report}: the data dictionary changed the type of a column the table holds: ${changes.join('; ')}`,
      options
    );
  }
}
