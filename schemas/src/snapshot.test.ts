import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { recordSnapshots } from '../scripts/snapshot';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, '..');

describe('snapshot.js: a snapshot is the released form of its major version', () => {
  let dir: string;
  let dirs: { definitions: string; snapshots: string };
  const definition = (name: string): string => join(dirs.definitions, `${name}.schema.json`);
  const read = (file: string): Schema => JSON.parse(readFileSync(file, 'utf8'));
  const edit = (name: string, change: (s: Schema) => void): void => {
    const schema = read(definition(name));
    change(schema);
    writeFileSync(definition(name), JSON.stringify(schema, null, 2));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schemas-snapshot-'));
    dirs = { definitions: join(dir, 'definitions'), snapshots: join(dir, 'snapshots') };
    cpSync(join(ROOT, 'definitions'), dirs.definitions, { recursive: true });
    cpSync(join(ROOT, 'snapshots'), dirs.snapshots, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('refuses to re-record over a breaking change, and writes nothing', () => {
    const before = readFileSync(join(dirs.snapshots, 'visit-event.v1.json'), 'utf8');
    edit('visit-event', (s) => s.required.push('module'));
    const { recorded, refused } = recordSnapshots(['visit-event', 'lab-result'], dirs);
    expect(recorded).toEqual([]);
    expect(refused).toEqual([expect.stringMatching(/^visit-event: module: new required field \(rule: /)]);
    expect(refused[0]).toContain('bump x-version to 2.0.0');
    expect(readFileSync(join(dirs.snapshots, 'visit-event.v1.json'), 'utf8')).toBe(before);
  });

  it('refuses a schema with a keyword the check does not model, even as a first snapshot', () => {
    edit('lab-result', (s) => {
      s['x-version'] = '2.0.0';
      s.properties.flags.contains = { const: 'hemolysed' };
    });
    expect(recordSnapshots(['lab-result'], dirs).refused).toEqual([
      expect.stringMatching(/^lab-result: flags: keyword "contains" is not modelled by the evolution check/)
    ]);
    expect(existsSync(join(dirs.snapshots, 'lab-result.v2.json'))).toBe(false);
  });

  it('records a compatible change over the snapshot of the same major version', () => {
    edit('lab-result', (s) => {
      s['x-version'] = '1.1.0';
      s.properties.assay.enum.push('ttau');
    });
    const { recorded, refused } = recordSnapshots(['lab-result'], dirs);
    expect(refused).toEqual([]);
    expect(recorded).toEqual([join(dirs.snapshots, 'lab-result.v1.json')]);
    expect(read(recorded[0]).properties.assay.enum).toContain('ttau');
  });

  it('records a breaking change under a new major version as a new snapshot file', () => {
    edit('visit-event', (s) => {
      s.required.push('module');
      s['x-version'] = '2.0.0';
    });
    expect(recordSnapshots(['visit-event'], dirs)).toEqual({
      recorded: [join(dirs.snapshots, 'visit-event.v2.json')],
      refused: []
    });
    expect(read(join(dirs.snapshots, 'visit-event.v1.json')).required).not.toContain('module');
  });

  it('refuses to record a major version older than the released one', () => {
    cpSync(join(dirs.snapshots, 'lab-result.v1.json'), join(dirs.snapshots, 'lab-result.v2.json'));
    expect(recordSnapshots(['lab-result'], dirs).refused).toEqual([
      'lab-result: version 1.0.0 is older than the released major version 2'
    ]);
  });

  it('as a command: exits 2 with its usage on an unknown name', () => {
    const run = (...args: string[]): { status: number; stderr: string } => {
      try {
        execFileSync(process.execPath, [join(ROOT, 'scripts', 'snapshot.js'), ...args], { stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (error) {
        const failed = error as { status: number; stderr: Buffer };
        return { status: failed.status, stderr: failed.stderr.toString() };
      }
    };
    expect(run('no-such-schema')).toMatchObject({ status: 2, stderr: expect.stringContaining('usage:') });
  });
});
