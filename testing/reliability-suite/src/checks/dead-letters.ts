import type { DeadLetter } from '@reporting/local-aws';
import { decodeS3EventKey } from '@reporting/utils';
import type { Expectation, SuiteFile } from '@reporting/test-kit';

/** Dead-lettered notifications, by what their file should have become. */
export interface DeadLetterReport {
  total: number;
  byExpectation: Partial<Record<Expectation | 'unknown', string[]>>;
}

/** The object keys a dead-lettered S3 notification was about. */
export function deadLetterKeys(letter: DeadLetter): string[] {
  try {
    const body = JSON.parse(letter.body) as { Records?: { s3?: { object?: { key?: string } } }[] };
    return (body.Records ?? []).map((r) => decodeS3EventKey(r.s3?.object?.key ?? ''));
  } catch {
    return [];
  }
}

export function classifyDeadLetters(
  letters: readonly DeadLetter[],
  files: readonly SuiteFile[]
): DeadLetterReport {
  const byKey = new Map(files.map((f) => [f.key, f.expect]));
  const report: DeadLetterReport = { total: letters.length, byExpectation: {} };
  for (const letter of letters) {
    for (const key of deadLetterKeys(letter)) {
      const expectation = byKey.get(key) ?? 'unknown';
      (report.byExpectation[expectation] ??= []).push(key);
    }
  }
  return report;
}
