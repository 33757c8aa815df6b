import { ReportingError } from '@reporting/utils';

/**
 * The API refused the credentials (401/403): never retried, since the same token fails the same
 * way. The message names where the token comes from (an SSM parameter path), never the token.
 */
export class ApiAuthError extends ReportingError {
  public readonly name: string = 'ApiAuthError';
  public readonly statusCode: number = 500;
  public readonly retryable: boolean = false;

  public constructor(
    message: string,
    /** The HTTP status the API answered. */
    public readonly status: number,
    /** Where the credentials come from, if the caller said (e.g. `/redcap/visits`). */
    public readonly credentialSource: string | undefined
  ) {
    super(message);
  }
}

/** The API stayed unreachable or failing (network errors, 5xx) through every allowed attempt. */
export class ApiUnavailableError extends ReportingError {
  public readonly name: string = 'ApiUnavailableError';
  public readonly statusCode: number = 500;
  public readonly retryable: boolean = true;

  public constructor(
    message: string,
    /** How many requests were made. */
    public readonly attempts: number,
    /** The last HTTP status, when the last failure was an answer. */
    public readonly status?: number,
    options?: ErrorOptions
  ) {
    super(message, options);
  }
}

/** Every attempt, the last one at least, ran out of time before the API answered. */
export class ApiTimeoutError extends ApiUnavailableError {
  public override readonly name: string = 'ApiTimeoutError';
}

/**
 * The API refused the request itself (a 4xx other than 401/403, e.g. an invalid parameter):
 * retrying the same request cannot help.
 */
export class ApiRequestError extends ReportingError {
  public readonly name: string = 'ApiRequestError';
  public readonly statusCode: number = 500;
  public readonly retryable: boolean = false;

  public constructor(
    message: string,
    public readonly status: number
  ) {
    super(message);
  }
}
