import fc from 'fast-check';
import { validateProcessingMetrics } from '@reporting/schemas';
import { CHANGE_STATUSES, type ChangeResult } from './outcomes';
import { countByStatus, summarize } from './summarize';

const result = (status: ChangeResult['status']): ChangeResult =>
  ({
    status,
    checkpoint: 'k',
    attempt: 'a',
    rows: 1,
    totalRows: 1,
    bytes: 1,
    reasons: [],
    errorKey: 'e',
    reason: 'r',
    error: 1
  }) as ChangeResult;

describe('summarize', () => {
  it('counts duplicates and already-applied objects together, and rows per checkpoint', () => {
    const results: ChangeResult[] = [
      { status: 'appended', checkpoint: 'a', attempt: '1', rows: 2, totalRows: 10, bytes: 700 },
      { status: 'appended', checkpoint: 'a', attempt: '1', rows: 3, totalRows: 10, bytes: 700 },
      { status: 'appended', checkpoint: 'b', attempt: '1', rows: 1, totalRows: 1, bytes: 300 },
      { status: 'already-applied', checkpoint: 'a', attempt: '1' },
      { status: 'duplicate' },
      { status: 'quarantined', reasons: ['r'], errorKey: 'e', attempt: '1' },
      { status: 'filtered', reason: 'sandbox', attempt: '1' },
      { status: 'failed', error: new Error('x') },
      { status: 'ignored', reason: 's3:TestEvent' }
    ];
    expect(summarize(results, Date.now())).toMatchObject({
      processed: 3,
      duplicates: 2,
      quarantined: 1,
      filtered: 1,
      failed: 1,
      output_bytes: 1000,
      checkpoints: [
        { key: 'a', rows_appended: 5, total_rows: 10, bytes: 700, status: 'saved' },
        { key: 'b', rows_appended: 1, total_rows: 1, bytes: 300, status: 'saved' }
      ]
    });
  });

  it('says which checkpoints were unchanged and which failed to save, with the reason', () => {
    const results: ChangeResult[] = [
      { status: 'already-applied', checkpoint: 'same', attempt: '1' },
      { status: 'failed', error: new Error('precondition failed'), checkpoint: 'broken' },
      { status: 'failed', error: new Error('S3 503') }
    ];
    expect(summarize(results, Date.now())).toMatchObject({
      failed: 2,
      output_bytes: 0,
      checkpoints: [
        { key: 'same', rows_appended: 0, status: 'unchanged' },
        { key: 'broken', rows_appended: 0, status: 'failed', error: 'precondition failed' }
      ]
    });
  });

  it('the summary follows the processing-metrics schema', () => {
    const results: ChangeResult[] = [
      { status: 'appended', checkpoint: 'a', attempt: '1', rows: 2, totalRows: 2, bytes: 7 },
      { status: 'failed', error: 'x', checkpoint: 'b' }
    ];
    expect(validateProcessingMetrics(summarize(results, Date.now()))).toMatchObject({ valid: true });
  });

  it('count conservation: the per-status counts add up to the number of results', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...CHANGE_STATUSES)), (statuses) => {
        const counts = countByStatus(statuses.map(result));
        expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(statuses.length);
      }),
      { numRuns: 100 }
    );
  });
});
