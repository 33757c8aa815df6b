import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { checkAgainstBase, defaultBase } from '../scripts/tools/base-check';

type Schema = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ROOT = join(__dirname, '..');
const GATE = join(ROOT, 'scripts', 'check-against-base.js');

describe('check against the base: the snapshots main holds cannot be re-recorded away', () => {
  let repo: string;
  let schemas: string;
  const git = (...args: string[]): string =>
    execFileSync(
      'git',
      ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args],
      { cwd: repo, encoding: 'utf8', stdio: 'pipe' }
    );
  const file = (relative: string): string => join(schemas, relative);
  const read = (relative: string): Schema => JSON.parse(readFileSync(file(relative), 'utf8'));
  const write = (relative: string, schema: Schema): void =>
    writeFileSync(file(relative), JSON.stringify(schema, null, 2) + '\n');
  const editDefinition = (name: string, change: (s: Schema) => void): Schema => {
    const schema = read(`definitions/${name}.schema.json`);
    change(schema);
    write(`definitions/${name}.schema.json`, schema);
    return schema;
  };
  /** What the old snapshot.js did: write the edited schema over the snapshot of its major version. */
  const reRecord = (name: string, schema: Schema): void => write(`snapshots/${name}.v1.json`, schema);
  const commitOnBranch = (): void => {
    git('add', '-A');
    git('commit', '-qm', 'pull request');
  };

  /** A repository whose main holds today's schemas and snapshots (with this check, unless `withGate` is false). */
  function createRepo(withGate = true): void {
    repo = mkdtempSync(join(tmpdir(), 'schemas-base-'));
    schemas = join(repo, 'schemas');
    cpSync(join(ROOT, 'definitions'), file('definitions'), { recursive: true });
    cpSync(join(ROOT, 'snapshots'), file('snapshots'), { recursive: true });
    if (withGate) {
      mkdirSync(file('scripts'));
      cpSync(GATE, file('scripts/check-against-base.js'));
    }
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-qm', 'base');
    git('checkout', '-q', '-b', 'pull-request');
  }
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('fails a breaking edit whose snapshot was re-recorded over it, naming both', () => {
    createRepo();
    reRecord(
      'visit-event',
      editDefinition('visit-event', (s) => s.required.push('module'))
    );
    commitOnBranch();
    const { problems } = checkAgainstBase({ schemasDir: schemas, base: 'main' });
    expect(problems).toEqual([
      expect.stringMatching(
        /^visit-event: module: new required field \(rule: no new required field\) — breaking within major version 1 \(released: snapshots\/visit-event\.v1\.json of main\); make it compatible, or bump x-version to 2\.0\.0: .* \[snapshots\/visit-event\.v1\.json was re-recorded over it: restore it from main\]$/
      ),
      'visit-event: module: new required field (rule: no new required field) — breaking within major version 1 ' +
        '(released: snapshots/visit-event.v1.json of main); make it compatible, or bump x-version to 2.0.0: a new ' +
        'major version is a new table (its checkpoints live under a new table path, e.g. .../v2/...), record its ' +
        'snapshot with node scripts/snapshot.js visit-event'
    ]);
  });

  it('fails a table change hidden by a re-recorded snapshot (a compatible edit for JSON Schema)', () => {
    createRepo();
    reRecord(
      'visit-event',
      editDefinition('visit-event', (s) => delete s.properties.visit_date['x-parquet'])
    );
    commitOnBranch();
    const { problems } = checkAgainstBase({ schemasDir: schemas, base: 'main' });
    expect(problems).toContainEqual(
      expect.stringContaining(
        'visit-event: visit_date: column "visit_date" would change from BYTE_ARRAY STRING to INT32 DATE'
      )
    );
  });

  it('applies JSON Schema rules only against a base that predates this check, and says so', () => {
    createRepo(false);
    reRecord(
      'visit-event',
      editDefinition('visit-event', (s) => delete s.properties.visit_date['x-parquet'])
    );
    commitOnBranch();
    expect(checkAgainstBase({ schemasDir: schemas, base: 'main' })).toEqual({
      base: 'main',
      notes: [
        'base main predates this check: its snapshots are compared by JSON Schema rules only',
        'visit-event: snapshots/visit-event.v1.json re-recorded compatibly'
      ],
      problems: []
    });
  });

  it('fails a deleted snapshot or a deleted released schema', () => {
    createRepo();
    rmSync(file('snapshots/lab-result.v1.json'));
    rmSync(file('definitions/reporting-event.schema.json'));
    commitOnBranch();
    expect(checkAgainstBase({ schemasDir: schemas, base: 'main' }).problems).toEqual([
      'lab-result: version 1.0.0 has no snapshot; record it with "node scripts/snapshot.js lab-result" (in schemas/) ' +
        'and commit snapshots/lab-result.v1.json',
      'lab-result: snapshots/lab-result.v1.json, released on main, was deleted (rule: a released snapshot is never ' +
        'deleted); restore it: git checkout main -- schemas/snapshots/lab-result.v1.json',
      'reporting-event: definitions/reporting-event.schema.json, released on main, was deleted (rule: a released ' +
        'schema is never removed; its tables and producers depend on it)'
    ]);
  });

  it('passes a compatible edit recorded as a compatible snapshot, and a new major version', () => {
    createRepo();
    reRecord(
      'lab-result',
      editDefinition('lab-result', (s) => {
        s['x-version'] = '1.1.0';
        s.properties.assay.enum.push('ttau');
        s.properties.site = { type: ['string', 'null'] };
      })
    );
    const v2 = editDefinition('visit-event', (s) => {
      s['x-version'] = '2.0.0';
      s.required.push('module');
    });
    write('snapshots/visit-event.v2.json', v2);
    commitOnBranch();
    expect(checkAgainstBase({ schemasDir: schemas, base: 'main' })).toEqual({
      base: 'main',
      notes: ['lab-result: snapshots/lab-result.v1.json re-recorded compatibly'],
      problems: []
    });
  });

  it('fails going back below the major version main released', () => {
    createRepo();
    const v2 = editDefinition('lab-result', (s) => (s['x-version'] = '2.0.0'));
    write('snapshots/lab-result.v2.json', v2);
    git('add', '-A');
    git('commit', '-qm', 'v2 on main');
    git('branch', '-f', 'main');
    editDefinition('lab-result', (s) => (s['x-version'] = '1.1.0'));
    rmSync(file('snapshots/lab-result.v2.json'));
    commitOnBranch();
    expect(checkAgainstBase({ schemasDir: schemas, base: 'main' }).problems).toEqual([
      expect.stringContaining('lab-result.v2.json, released on main, was deleted'),
      'lab-result: version 1.1.0 is older than the major version 2 released on main'
    ]);
  });

  it('without the base ref, or when the base is HEAD, checks the working tree only and says so', () => {
    createRepo();
    editDefinition('visit-event', (s) => s.required.push('module'));
    const missing = checkAgainstBase({ schemasDir: schemas, base: 'no-such-branch' });
    expect(missing.notes).toEqual([
      "base no-such-branch not found: compared with the working tree's snapshots only"
    ]);
    expect(missing.problems).toEqual([expect.stringMatching(/^visit-event: module: new required field/)]);
    expect(checkAgainstBase({ schemasDir: schemas, base: 'pull-request' }).notes).toEqual([
      "base pull-request is HEAD itself: compared with the working tree's snapshots only"
    ]);
  });

  it('defaults to origin/main when it exists, else main', () => {
    createRepo();
    expect(defaultBase(repo)).toBe('main');
    git('update-ref', 'refs/remotes/origin/main', 'main');
    expect(defaultBase(repo)).toBe('origin/main');
    expect(checkAgainstBase({ schemasDir: schemas }).base).toBe('origin/main');
  });

  it('as a command: exits 1 and prints one line per problem; exits 0 when compatible', () => {
    createRepo();
    const run = (): { status: number; stdout: string; stderr: string } => {
      try {
        const stdout = execFileSync(process.execPath, [GATE, '--schemas', schemas, '--base', 'main'], {
          encoding: 'utf8',
          stdio: 'pipe'
        });
        return { status: 0, stdout, stderr: '' };
      } catch (error) {
        const failed = error as { status: number; stdout: string; stderr: string };
        return { status: failed.status, stdout: failed.stdout, stderr: failed.stderr };
      }
    };
    expect(run()).toEqual({
      status: 0,
      stdout:
        "base main is HEAD itself: compared with the working tree's snapshots only\n" +
        'Schema evolution check against main: no breaking change\n',
      stderr: ''
    });
    reRecord(
      'visit-event',
      editDefinition('visit-event', (s) => s.required.push('module'))
    );
    commitOnBranch();
    const failed = run();
    expect(failed.status).toBe(1);
    expect(failed.stderr.split('\n')[0]).toBe('Schema evolution check against main failed:');
    expect(failed.stderr.trim().split('\n')).toHaveLength(3);
  });
});
