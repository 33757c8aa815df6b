/** What an event-log file name says about its event (informative only: the content is the truth). */
export interface EventFileName {
  action: string;
  timestamp: string;
  adcid: number;
  project: string;
  ptid: string;
  /** Visit number, or the visit date in the newer producer variant. */
  visit: string;
}

// Visit-date form first: its date contains hyphens that the visit-number form would split wrongly.
const PATTERNS = [
  /^log-(submit|pass-qc|not-pass-qc|delete)-(\d{8}-\d{6})-(\d+)-(.+)-([^-]+)-(\d{4}-\d{2}-\d{2})\.json$/,
  /^log-(submit|pass-qc|not-pass-qc|delete)-(\d{8}-\d{6})-(\d+)-(.+)-([^-]+)-([^-]+)\.json$/
];

/** Parses `…/log-{action}-{YYYYMMDD-HHMMSS}-{adcid}-{project}-{ptid}-{visitnum|YYYY-MM-DD}.json`; null if it does not match. */
export function parseEventFileName(key: string): EventFileName | null {
  const name = key.slice(key.lastIndexOf('/') + 1);
  for (const pattern of PATTERNS) {
    const m = pattern.exec(name);
    if (m)
      return { action: m[1], timestamp: m[2], adcid: Number(m[3]), project: m[4], ptid: m[5], visit: m[6] };
  }
  return null;
}
