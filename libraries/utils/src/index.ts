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
