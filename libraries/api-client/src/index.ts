export {
  type ApiCredentials,
  DEFAULT_CREDENTIALS_MAX_AGE_SECONDS,
  loadApiCredentials,
  type LoadApiCredentialsOptions
} from './api-credentials';
export { ApiAuthError, ApiRequestError, ApiTimeoutError, ApiUnavailableError } from './api-errors';
export { backoffDelay, DEFAULT_RETRY_POLICY, type RetryPolicy } from './backoff';
export { type ApiResponse, postForm, type PostFormOptions } from './post-form';
export { REDACTED, redact } from './redact';
