import { validateQuarantineRecord } from '@reporting/schemas';
import { quarantineKey, quarantineRecord } from './quarantine';

describe('quarantine records', () => {
  const object = { bucket: 'events', key: 'prod/bad file.json', eTag: '"abc"' };
  const at = new Date('2024-03-01T12:00:00Z');

  it('are partitioned by day and stable per source version', () => {
    const key = quarantineKey('errors/', object, at);
    expect(key).toMatch(/^errors\/dt=2024-03-01\/[0-9a-f]{32}\.json$/);
    expect(quarantineKey('errors/', object, at)).toBe(key);
    expect(quarantineKey('errors/', { ...object, eTag: '"def"' }, at)).not.toBe(key);
  });

  it('name the file, its version and every reason', () => {
    expect(quarantineRecord(object, ['a', 'b'], at)).toEqual({
      source_bucket: 'events',
      source_key: 'prod/bad file.json',
      source_version: 'abc',
      reasons: ['a', 'b'],
      quarantined_at: '2024-03-01T12:00:00.000Z'
    });
  });

  it('follow the quarantine-record schema analysts query by', () => {
    expect(validateQuarantineRecord(quarantineRecord(object, ['a'], at))).toMatchObject({ valid: true });
  });
});
