import fc from 'fast-check';
import { ConfigurationError } from '@reporting/utils';
import { assertKeyTemplate, keySegment, renderCheckpointKey } from './checkpoint-key';

const TEMPLATE = 'checkpoints/{study}/{datatype}/events.parquet';

describe('checkpoint keys', () => {
  it('renders every placeholder, lowercased and made safe', () => {
    expect(renderCheckpointKey(TEMPLATE, { study: 'ADRC', datatype: 'a/b c' })).toBe(
      'checkpoints/adrc/a-b-c/events.parquet'
    );
    expect(renderCheckpointKey('x/{study}/{study}.parquet', { study: 's' })).toBe('x/s/s.parquet');
  });

  it('never renders an empty, "." or ".." segment', () => {
    expect(renderCheckpointKey(TEMPLATE, { study: '..', datatype: 'apoe' })).toBe(
      'checkpoints/--/apoe/events.parquet'
    );
    expect(renderCheckpointKey(TEMPLATE, { study: '.', datatype: '' })).toBe(
      'checkpoints/-/-/events.parquet'
    );
    expect(keySegment('.hidden')).toBe('.hidden');
  });

  it('rejects a template lacking a placeholder, naming the variable and what is missing', () => {
    expect(() => assertKeyTemplate('KEY', 'x.parquet', ['study', 'datatype'])).toThrow(ConfigurationError);
    expect(() => assertKeyTemplate('KEY', 'x/{study}.parquet', ['study', 'datatype'])).toThrow(
      'KEY: "x/{study}.parquet" lacks {datatype}'
    );
    expect(() => assertKeyTemplate('KEY', TEMPLATE, ['study', 'datatype'])).not.toThrow();
  });

  it('segment isolation: any values stay inside their own key segment', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (study, datatype) => {
        const parts = renderCheckpointKey(TEMPLATE, { study, datatype }).split('/');
        expect(parts).toEqual(['checkpoints', keySegment(study), keySegment(datatype), 'events.parquet']);
        expect(parts[1]).toMatch(/^[a-z0-9._-]+$/);
        expect(parts[1]).not.toMatch(/^\.*$/); // never empty, "." or ".."
        expect(parts[2]).not.toMatch(/^\.*$/);
      }),
      { numRuns: 200 }
    );
  });
});
