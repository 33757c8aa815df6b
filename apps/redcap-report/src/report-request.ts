import type { RedcapLambdaConfig, ReportConfig, ReportMode } from './config';

/** What a schedule sends (its target input) and what a direct invocation sends: the same shape. */
export interface ReportRequest {
  readonly report: string;
  readonly mode?: ReportMode;
}

export type ParsedRequest =
  | { readonly ok: true; readonly report: ReportConfig; readonly mode: ReportMode }
  | { readonly ok: false; readonly problems: readonly string[] };

const MODES: readonly string[] = ['overwrite', 'append'];
const KNOWN = new Set(['report', 'mode']);

/**
 * The report an invocation asks for and its mode (the report's own unless given), or every problem
 * of the input: not an object, no or unknown report (the configured ones are named), a mode other
 * than overwrite or append, properties this lambda does not read.
 */
export function parseReportRequest(event: unknown, config: RedcapLambdaConfig): ParsedRequest {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    return {
      ok: false,
      problems: ['the input must be an object: {"report": "<name>", "mode"?: "overwrite" | "append"}']
    };
  }
  const input = event as Record<string, unknown>;
  const problems: string[] = [];
  const configured = [...config.reports.keys()].join(', ');
  let report: ReportConfig | undefined;
  if (input.report === undefined) problems.push(`report: is required (one of ${configured})`);
  else if (typeof input.report !== 'string') problems.push('report: must be a string');
  else {
    report = config.reports.get(input.report);
    if (report === undefined)
      problems.push(`report: no report named ${JSON.stringify(input.report)} (configured: ${configured})`);
  }
  if (input.mode !== undefined && (typeof input.mode !== 'string' || !MODES.includes(input.mode))) {
    problems.push(`mode: must be overwrite or append, not ${JSON.stringify(input.mode)}`);
  }
  for (const name of Object.keys(input)) {
    if (!KNOWN.has(name)) problems.push(`${name}: is not a property of the input (report, mode)`);
  }
  if (problems.length > 0 || report === undefined) return { ok: false, problems };
  return { ok: true, report, mode: (input.mode as ReportMode | undefined) ?? report.mode };
}
