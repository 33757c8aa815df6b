// Moved to @reporting/utils; this path stays while src/local-run imports it.
export { concurrencyLimit } from '@reporting/utils';
