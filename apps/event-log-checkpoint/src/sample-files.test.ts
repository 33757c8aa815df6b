import { validateVisitEvent } from '@reporting/schemas';
import { parseEventFileName } from './file-name';
import { parseEventFile } from './parse-event-file';
import { generateSampleFiles, INVALID_SAMPLES } from '@reporting/test-kit';

describe('generateSampleFiles', () => {
  const files = generateSampleFiles({ prefix: 'prod/', valid: 300, sandbox: 10, invalid: 10, seed: 7 });

  it('is deterministic for a seed', () => {
    const again = generateSampleFiles({ prefix: 'prod/', valid: 300, sandbox: 10, invalid: 10, seed: 7 });
    expect(again.map((f) => f.key)).toEqual(files.map((f) => f.key));
  });

  it('produces unique keys with conventional names for valid files', () => {
    expect(new Set(files.map((f) => f.key)).size).toBe(files.length);
    for (const f of files.filter((f) => f.expect === 'valid'))
      expect(parseEventFileName(f.key)).not.toBeNull();
  });

  it('labels every file with what the pipeline must do with it', () => {
    for (const file of files) {
      const parsed = parseEventFile(file.body);
      if (file.expect === 'invalid') {
        expect(parsed.valid).toBe(false);
      } else {
        expect(parsed).toEqual({ valid: true, event: validateVisitEvent(file.event).valid && file.event });
      }
    }
  });

  it('gives each invalid kind its documented reason', () => {
    const valid = files.find((f) => f.expect === 'valid')!.event!;
    for (const kind of INVALID_SAMPLES) {
      const parsed = parseEventFile(kind.body(valid));
      expect(!parsed.valid && parsed.reasons.some((r) => r.startsWith(kind.reason))).toBe(true);
    }
  });
});
