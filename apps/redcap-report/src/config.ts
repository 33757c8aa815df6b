import { redcapReportConfigSchema, validateRedcapReportConfig } from '@reporting/schemas';
import { ConfigurationError } from '@reporting/utils';

export type ReportMode = 'overwrite' | 'append';

/** One configured export: which REDCap project (by its SSM path), what to export, where to write. */
export interface ReportConfig {
  readonly name: string;
  readonly parameterPath: string;
  /** `{ reportId }` → content=report; `{ allRecords: true }` → content=record. */
  readonly export: { readonly kind: 'report'; readonly reportId: string } | { readonly kind: 'records' };
  readonly mode: ReportMode;
  readonly tableKey: string;
  readonly schedule: string;
}

/** The lambda's configuration (schema: schemas/definitions/redcap-report-config.schema.json). */
export interface RedcapLambdaConfig {
  readonly tableBucket: string;
  readonly reports: ReadonlyMap<string, ReportConfig>;
  readonly logLevel: string;
  readonly serviceName: string;
  readonly metricsNamespace: string;
}

/** The environment variables this lambda reads: exactly the schema's properties. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(redcapReportConfigSchema.properties);

/**
 * Validates the environment at cold start: REPORTS is JSON text, parsed and then validated with the
 * rest by the schema's precompiled validator; a report with both or neither of reportId and
 * allRecords, two reports of one name or one table key are refused too. Every problem is listed in
 * one ConfigurationError. Empty variables count as unset.
 */
export function loadRedcapConfig(env: NodeJS.ProcessEnv = process.env): RedcapLambdaConfig {
  const problems: string[] = [];
  const relevant: Record<string, unknown> = {};
  for (const name of CONFIG_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (name === 'REPORTS') {
      try {
        relevant.REPORTS = JSON.parse(value) as unknown;
      } catch (error) {
        problems.push(`REPORTS: is not JSON (${(error as Error).message})`);
      }
    } else {
      relevant[name] = value;
    }
  }
  const unreadable = problems.length > 0;
  const result = validateRedcapReportConfig(relevant);
  if (!result.valid) {
    // REPORTS that is not JSON is reported once, not also as missing.
    problems.push(...result.errors.filter((error) => !(unreadable && error.includes('REPORTS'))));
  }
  if (!result.valid || problems.length > 0) throw new ConfigurationError(problems);
  const c = result.value;
  const reports = new Map<string, ReportConfig>();
  const keys = new Map<string, string>();
  c.REPORTS.forEach((report, index) => {
    const where = `REPORTS[${index}] (${report.name})`;
    const hasId = report.reportId !== undefined;
    const all = report.allRecords === true;
    if (hasId === all) problems.push(`${where}: needs exactly one of reportId or allRecords: true`);
    if (reports.has(report.name)) problems.push(`${where}: another report is named ${report.name}`);
    const other = keys.get(report.tableKey);
    if (other !== undefined) problems.push(`${where}: tableKey ${report.tableKey} is also report ${other}'s`);
    keys.set(report.tableKey, report.name);
    reports.set(report.name, {
      name: report.name,
      parameterPath: report.parameterPath,
      export: hasId ? { kind: 'report', reportId: report.reportId! } : { kind: 'records' },
      mode: report.mode,
      tableKey: report.tableKey,
      schedule: report.schedule
    });
  });
  if (problems.length > 0) throw new ConfigurationError(problems);
  const defaults = redcapReportConfigSchema.properties;
  return {
    tableBucket: c.TABLE_BUCKET,
    reports,
    logLevel: c.LOG_LEVEL ?? defaults.LOG_LEVEL.default,
    serviceName: c.POWERTOOLS_SERVICE_NAME ?? defaults.POWERTOOLS_SERVICE_NAME.default,
    metricsNamespace: c.POWERTOOLS_METRICS_NAMESPACE ?? defaults.POWERTOOLS_METRICS_NAMESPACE.default
  };
}
