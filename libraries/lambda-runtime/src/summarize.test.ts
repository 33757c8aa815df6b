import fc from 'fast-check';
import { CHANGE_STATUSES, type ChangeResult } from './outcomes';
import { countByStatus, summarize } from './summarize';

const result = (status: ChangeResult['status']): ChangeResult =>
  ({
    status,
    checkpoint: 'k',
    attempt: 'a',
    reasons: [],
    errorKey: 'e',
    reason: 'r',
    error: 1
  }) as ChangeResult;

describe('summarize', () => {
  it('counts duplicates and already-applied objects together, and rows per checkpoint', () => {
    const results: ChangeResult[] = [
      { status: 'appended', checkpoint: 'a', attempt: '1' },
      { status: 'appended', checkpoint: 'a', attempt: '1' },
      { status: 'appended', checkpoint: 'b', attempt: '1' },
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
      checkpoints: [
        { key: 'a', rows_appended: 2, status: 'saved' },
        { key: 'b', rows_appended: 1, status: 'saved' }
      ]
    });
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
