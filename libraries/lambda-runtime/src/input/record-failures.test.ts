import { MAX_REPORTED_RECORDS, RecordFailures } from './record-failures';

describe('RecordFailures', () => {
  it('is the records themselves when nothing failed', () => {
    expect(new RecordFailures().outcome([1, 2])).toEqual({ valid: true, records: [1, 2] });
  });

  it('prefixes every reason with its position', () => {
    const failures = new RecordFailures();
    failures.add('line 3', ['a: is required', 'b: is wrong']);
    failures.add('line 9', ['c: is wrong']);
    expect(failures.outcome([1])).toEqual({
      valid: false,
      reasons: ['line 3: a: is required', 'line 3: b: is wrong', 'line 9: c: is wrong']
    });
  });

  it('reports every reason of the first invalid records and counts the rest', () => {
    const failures = new RecordFailures();
    for (let line = 1; line <= MAX_REPORTED_RECORDS + 2; line += 1) failures.add(`line ${line}`, ['x', 'y']);
    const reasons = failures.reasons();
    expect(failures.count).toBe(MAX_REPORTED_RECORDS + 2);
    expect(reasons).toHaveLength(2 * MAX_REPORTED_RECORDS + 1);
    expect(reasons.at(-2)).toBe(`line ${MAX_REPORTED_RECORDS}: y`);
    expect(reasons.at(-1)).toBe('and 2 more invalid records');
  });

  it('counts a single record beyond the cap in the singular', () => {
    const failures = new RecordFailures();
    for (let line = 0; line <= MAX_REPORTED_RECORDS; line += 1) failures.add(`line ${line}`, ['x']);
    expect(failures.reasons().at(-1)).toBe('and 1 more invalid record');
  });
});
