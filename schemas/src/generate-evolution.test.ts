import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { generate } from '../scripts/generate';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, '..');
const GENERATE = join(ROOT, 'scripts', 'generate.js');

describe('the build (generate) refuses what the evolution check refuses', () => {
  let dir: string;
  let dirs: { definitions: string; snapshots: string; out: string };
  const edit = (name: string, change: (s: Schema) => void): void => {
    const file = join(dirs.definitions, `${name}.schema.json`);
    const schema = JSON.parse(readFileSync(file, 'utf8'));
    change(schema);
    writeFileSync(file, JSON.stringify(schema, null, 2));
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'schemas-generate-'));
    dirs = {
      definitions: join(dir, 'definitions'),
      snapshots: join(dir, 'snapshots'),
      out: join(dir, 'out')
    };
    cpSync(join(ROOT, 'definitions'), dirs.definitions, { recursive: true });
    cpSync(join(ROOT, 'snapshots'), dirs.snapshots, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails on a breaking edit with one line naming the schema, the path, the rule and how to ship it', async () => {
    edit('visit-event', (s) => s.required.push('module'));
    await expect(generate(dirs)).rejects.toThrow(
      new Error(
        'Schema evolution check failed (see schemas/README.md, "Evolution"):\n' +
          '  - visit-event: module: new required field (rule: no new required field) — breaking within major ' +
          'version 1 (released: snapshots/visit-event.v1.json); make it compatible, or bump x-version to 2.0.0: ' +
          'a new major version is a new table (its checkpoints live under a new table path, e.g. .../v2/...), ' +
          'record its snapshot with node scripts/snapshot.js visit-event'
      )
    );
    expect(existsSync(dirs.out)).toBe(false);
  });

  it('fails on a keyword the check does not model, naming every refused schema', async () => {
    edit('lab-result', (s) => (s.properties.instrument.propertyNames = { pattern: '^[a-z]+$' }));
    edit('reporting-event', (s) => (s.properties.records_received.maximum = 10));
    await expect(generate(dirs)).rejects.toThrow(
      new Error(
        'Schema evolution check failed (see schemas/README.md, "Evolution"):\n' +
          '  - lab-result: instrument: keyword "propertyNames" is not modelled by the evolution check (rule: ' +
          'modelled keywords only); remove it, or give it a rule in schemas/scripts/tools/compatibility.js and ' +
          'list it in modelled-keywords.js\n' +
          '  - reporting-event: records_received: upper bound tightened (none → maximum 10) (rule: bounds may ' +
          'only relax) — breaking within major version 1 (released: snapshots/reporting-event.v1.json); make ' +
          'it compatible, or bump x-version to 2.0.0: a new major version is a new table (its checkpoints live ' +
          'under a new table path, e.g. .../v2/...), record its snapshot with node scripts/snapshot.js reporting-event'
      )
    );
  });

  it('generates a compatible edit: the new property is an OPTIONAL column', () => {
    edit('lab-result', (s) => {
      s['x-version'] = '1.1.0';
      s.properties.site = { type: 'string' };
    });
    // In a child process: json-schema-to-typescript loads Prettier with a dynamic import, which Jest's VM refuses.
    const script = `require(${JSON.stringify(GENERATE)}).generate(${JSON.stringify(dirs)}).then((n) => console.log(n))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('7\n');
    const source = readFileSync(join(dirs.out, 'lab-result.table.ts'), 'utf8');
    const table = JSON.parse(/export const table = ([\s\S]*) as const/.exec(source)?.[1] ?? '{}');
    expect(table.columns.find((c: { name: string }) => c.name === 'site')).toMatchObject({
      physicalType: 'BYTE_ARRAY',
      repetition: 'OPTIONAL'
    });
  }, 120000);
});
