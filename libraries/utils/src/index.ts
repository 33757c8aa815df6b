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
export { concurrencyLimit } from './concurrency-limit';
export { GroupCommit } from './group-commit';
export { retryInRounds, type RoundOptions, type RoundResult, type RoundsEnd } from './retry-rounds';
export { encodeS3EventKey, decodeS3EventKey } from './s3-event-key';
export { createLambdaContext } from './lambda-context';
export { parseCommandLine, endCommand, type CommandLine, type OptionValue } from './command-line';
