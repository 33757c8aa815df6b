import fc from 'fast-check';
import { ConfigurationError } from '@reporting/utils';
import { keySegment } from '@reporting/object-processing';
import { assertCheckpointTemplate, checkpointKeyFor, isSandboxProject } from './routing';

const TEMPLATE = 'checkpoints/{study}/{datatype}/events.parquet';

describe('routing', () => {
  it('routes to the default template', () => {
    expect(checkpointKeyFor(TEMPLATE, 'adrc', 'form')).toBe('checkpoints/adrc/form/events.parquet');
  });

  it('marks only sandbox-* projects as practice data', () => {
    expect(isSandboxProject('sandbox-form')).toBe(true);
    expect(isSandboxProject('ingest-sandbox-form')).toBe(false);
  });

  it('rejects a template without both placeholders, naming what is missing', () => {
    expect(() => assertCheckpointTemplate('checkpoints/{study}.parquet')).toThrow(ConfigurationError);
    expect(() => assertCheckpointTemplate('x.parquet')).toThrow('lacks {study} and {datatype}');
    expect(() => assertCheckpointTemplate(TEMPLATE)).not.toThrow();
  });

  it('routing isolation: any study/datatype stays inside one key segment of the template', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (study, datatype) => {
        const key = checkpointKeyFor(TEMPLATE, study, datatype);
        const parts = key.split('/');
        expect(parts).toHaveLength(4);
        expect(parts[1]).toBe(keySegment(study));
        expect(parts[2]).toBe(keySegment(datatype));
        expect(parts[1]).toMatch(/^[a-z0-9._-]+$/);
      }),
      { numRuns: 300 }
    );
  });

  it('routing is deterministic: the same study and datatype always give the same checkpoint', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (study, datatype) => {
        expect(checkpointKeyFor(TEMPLATE, study, datatype)).toBe(checkpointKeyFor(TEMPLATE, study, datatype));
      }),
      { numRuns: 100 }
    );
  });
});
