import { SOAK_FIXTURE } from '../testing/soak-fixture';
import { soakViolations } from './soak-run';

describe('soak invariants', () => {
  it('holds for a flat heap with every event once', () => {
    expect(soakViolations(SOAK_FIXTURE, 4e6, 1e5)).toEqual([]);
  });

  it('names each violated invariant: rows, quarantine, dead letters, heap growth and slope', () => {
    const bad = {
      ...SOAK_FIXTURE,
      deadLetters: 2,
      exactlyOnce: { ...SOAK_FIXTURE.exactlyOnce, rows: 569, missing: ['s3://events/x'] },
      quarantine: { ...SOAK_FIXTURE.quarantine, records: 29, missing: ['y'] },
      trend: { ...SOAK_FIXTURE.trend, growthBytes: 5e6, slopeBytesPerMinute: 2e5 }
    };
    expect(soakViolations(bad, 4e6, 1e5)).toEqual([
      'checkpoint rows 569 ≠ expected 570',
      'quarantine records 29 ≠ bad files 30',
      '2 dead letters',
      'heap grew 5.0 MB (limit 4.0 MB)',
      'heap slope 0.20 MB/min (limit 0.10 MB/min)'
    ]);
  });
});
