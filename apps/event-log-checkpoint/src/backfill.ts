import { parseEventFileName } from './file-name';

/** Whether a key's file-name timestamp is on or after `since`; names without one are always included. */
export function isOnOrAfter(key: string, since: string): boolean {
  const parsed = parseEventFileName(key);
  return parsed === null || parsed.timestamp.slice(0, 8) >= since.replace(/-/g, '');
}
