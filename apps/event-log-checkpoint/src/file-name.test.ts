import fc from 'fast-check';
import { parseEventFileName } from './file-name';

describe('parseEventFileName', () => {
  it('reads the visit-number form', () => {
    expect(parseEventFileName('prod/log-pass-qc-20240115-102000-42-ingest-form-110001-01.json')).toEqual({
      action: 'pass-qc',
      timestamp: '20240115-102000',
      adcid: 42,
      project: 'ingest-form',
      ptid: '110001',
      visit: '01'
    });
  });

  it('reads the visit-date form', () => {
    expect(
      parseEventFileName('log-not-pass-qc-20240115-102000-7-ingest-form-dvcid-A12-2024-01-15.json')
    ).toEqual({
      action: 'not-pass-qc',
      timestamp: '20240115-102000',
      adcid: 7,
      project: 'ingest-form-dvcid',
      ptid: 'A12',
      visit: '2024-01-15'
    });
  });

  it.each([
    'prod/event.json',
    'log-archive-20240115-102000-42-p-1-01.json',
    'log-submit-2024-42-p-1-01.json'
  ])('returns null for %p', (key) => {
    expect(parseEventFileName(key)).toBeNull();
  });

  it('file-name round trip: any conventionally named file parses back to its parts', () => {
    const part = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.constantFrom('submit', 'pass-qc', 'not-pass-qc', 'delete'),
        fc.integer({ min: 0, max: 9999 }),
        fc.array(part, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('-')),
        part,
        fc.stringMatching(/^[0-9]{2}$/),
        (action, adcid, project, ptid, visit) => {
          const key = `prod/log-${action}-20240115-102000-${adcid}-${project}-${ptid}-${visit}.json`;
          expect(parseEventFileName(key)).toEqual({
            action,
            timestamp: '20240115-102000',
            adcid,
            project,
            ptid,
            visit
          });
        }
      ),
      { numRuns: 200 }
    );
  });
});
