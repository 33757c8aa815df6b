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
export { createRandom, shuffleInPlace, type Random } from './seeded-random';
