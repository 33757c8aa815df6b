import { createRandom } from '@reporting/utils';
import { BAD_FILE_KINDS, badFiles } from './bad-files';
import { eventFileName } from './event-file-name';
import { generateSampleFiles } from './sample-files';
import { validFiles } from './valid-files';

describe('sample files', () => {
  it('are generated in the asked numbers, reproducibly from the seed', () => {
    const files = generateSampleFiles({ prefix: 'prod/', valid: 40, sandbox: 3, invalid: 2, seed: 1 });
    const count = (expect: string) => files.filter((f) => f.expect === expect).length;
    expect([count('valid'), count('sandbox'), count('invalid')]).toEqual([40, 3, 2]);
    expect(files.every((f) => f.key.startsWith('prod/'))).toBe(true);
    expect(generateSampleFiles({ prefix: 'prod/', valid: 40, sandbox: 3, invalid: 2, seed: 1 })).toEqual(
      files
    );
  });

  it('name valid files as producers do, one name per event', () => {
    const files = validFiles(createRandom(2), { prefix: 'p/', count: 20 });
    expect(new Set(files.map((f) => f.key)).size).toBe(20);
    files.forEach((file, i) => expect(file.key).toBe(`p/${eventFileName(file.event!, i)}`));
  });

  it('cycle through every kind of bad file, each with the rule its quarantine reason follows', () => {
    const count = BAD_FILE_KINDS.length;
    const files = badFiles(createRandom(3), { prefix: 'x/', count, maxFileBytes: 1024 });
    expect(files.map((f) => f.kind)).toEqual(BAD_FILE_KINDS.map((k) => k.name));
    expect(files.every((f) => f.expect === 'invalid' && f.reason !== undefined)).toBe(true);
  });
});
