import type { QuarantineRecord } from '@reporting/schemas';
import { reasonMatches } from '@reporting/test-kit';
import type { SuiteFile } from '@reporting/test-kit';

/** The quarantine records compared with the invalid files. */
export interface QuarantineReport {
  invalidFiles: number;
  records: number;
  /** Invalid files without a record. */
  missing: string[];
  /** Invalid files with more than one record. */
  repeated: string[];
  /** Records whose reasons do not say what is wrong with the file (kind: key: reasons). */
  unspecific: string[];
  /** Records for files that are not invalid. */
  unexpected: string[];
  /** Records by kind of damage. */
  byKind: Record<string, number>;
}

export function quarantineHolds(report: QuarantineReport): boolean {
  return (
    report.records === report.invalidFiles &&
    report.missing.length + report.repeated.length + report.unspecific.length + report.unexpected.length === 0
  );
}

/** Every invalid file has exactly one quarantine record, whose reasons match the file's damage. */
export function checkQuarantine(
  files: readonly SuiteFile[],
  records: readonly QuarantineRecord[]
): QuarantineReport {
  const invalid = new Map(files.filter((f) => f.expect === 'invalid').map((f) => [f.key, f]));
  const byKey = new Map<string, QuarantineRecord[]>();
  for (const record of records)
    byKey.set(record.source_key, [...(byKey.get(record.source_key) ?? []), record]);
  const report: QuarantineReport = {
    invalidFiles: invalid.size,
    records: records.length,
    missing: [],
    repeated: [],
    unspecific: [],
    unexpected: [],
    byKind: {}
  };
  for (const [key, list] of byKey) {
    const file = invalid.get(key);
    if (file === undefined) {
      report.unexpected.push(key);
      continue;
    }
    if (list.length > 1) report.repeated.push(key);
    const kind = file.kind ?? 'invalid';
    report.byKind[kind] = (report.byKind[kind] ?? 0) + 1;
    const reasons = list[0].reasons;
    if (file.reason && !reasons.some((reason) => reasonMatches(file.reason!, reason))) {
      report.unspecific.push(`${kind}: ${key}: ${JSON.stringify(reasons).slice(0, 300)}`);
    }
  }
  for (const key of invalid.keys()) if (!byKey.has(key)) report.missing.push(key);
  return report;
}
