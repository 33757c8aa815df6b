export {
  ReportingError,
  BadRequestError,
  ConfigurationError,
  TransientError,
  InvalidInputError,
  toErrorResponse,
  GENERIC_SERVER_ERROR,
  type ErrorResponse
} from './errors';
export { toUtcMicros, microsToIso } from './utc-micros';
