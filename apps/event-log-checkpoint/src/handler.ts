// The handler is shared by every reporting lambda; this path stays while src/local-run imports it.
export { createHandler } from '@reporting/lambda-runtime';
