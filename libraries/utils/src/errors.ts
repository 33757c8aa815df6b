/**
 * Error classes that know how they should be reported. A lambda maps any thrown error to a response
 * with `toErrorResponse`: client errors keep their descriptive message (400), everything else becomes
 * a generic 500 whose details stay in the log.
 */
export abstract class ReportingError extends Error {
  /** A literal in each class: the deployed bundle is minified, so class names are not the names in the source. */
  public abstract override readonly name: string;
  public abstract readonly statusCode: number;
  /** Whether retrying the same input later can succeed (throttling, 5xx, conflicts). */
  public abstract readonly retryable: boolean;
}

/** The request itself is wrong (malformed invocation event): retrying cannot help. */
export class BadRequestError extends ReportingError {
  public readonly name = 'BadRequestError';
  public readonly statusCode = 400;
  public readonly retryable = false;
}

/** The deployment is misconfigured (environment variables): reported at cold start, every problem at once. */
export class ConfigurationError extends ReportingError {
  public readonly name = 'ConfigurationError';
  public readonly statusCode = 400;
  public readonly retryable = false;

  public constructor(public readonly problems: readonly string[]) {
    super(`Invalid configuration: ${problems.join('; ')}`);
  }
}

/** A failure that should be retried by the trigger's redelivery, never quarantined. */
export class TransientError extends ReportingError {
  public readonly name = 'TransientError';
  public readonly statusCode = 500;
  public readonly retryable = true;
}

/** Input data that can never be processed (bad JSON, schema violations): quarantined, never retried. */
export class InvalidInputError extends ReportingError {
  public readonly name = 'InvalidInputError';
  public readonly statusCode = 400;
  public readonly retryable = false;

  public constructor(public readonly reasons: readonly string[]) {
    super(reasons.join('; '));
  }
}

export interface ErrorResponse {
  statusCode: number;
  body: string;
}

export const GENERIC_SERVER_ERROR = 'Internal error; see the function log for details';

/** The response a direct invocation gets for an error: safe for callers to see. */
export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ReportingError && error.statusCode < 500) {
    return { statusCode: error.statusCode, body: JSON.stringify({ message: error.message }) };
  }
  return { statusCode: 500, body: JSON.stringify({ message: GENERIC_SERVER_ERROR }) };
}
