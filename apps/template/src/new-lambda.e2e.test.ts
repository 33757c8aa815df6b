import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { labResultTable, terraformTable } from '@reporting/schemas';
import { DuckDbReader } from '@reporting/test-kit';
import { parse as parseJsonc } from 'jsonc-parser';

// The generator's test (never copied into a generated lambda): runs `rush new-lambda` in a temporary
// copy of the repo, installs the new project with `rush update` (packages from this checkout's pnpm
// store), then builds and tests it there with Rush. Decision record: docs/decisions/0045-*.

const REPO = path.resolve(__dirname, '..', '..', '..');
const SKIPPED = new Set(['node_modules', 'temp', '.rush', 'rush-logs', 'coverage', 'dist', '.heft']);
const NAME = 'lab-counts';
// The second example schema (dates, date-times, INT32/INT64 integers, doubles, booleans, an enum,
// nullable fields, a nested object): the generated lambda is a lab-result lambda.
const SCHEMA = 'lab-result';

interface Project {
  packageName: string;
  projectFolder: string;
}

const rushJsonText = (root: string): string => fs.readFileSync(path.join(root, 'rush.json'), 'utf8');
const projectsOf = (text: string): Project[] =>
  (parseJsonc(text, [], { allowTrailingComma: true }) as { projects: Project[] }).projects;

/** A project and everything it depends on (workspace packages), by package name. */
function closure(all: Project[], roots: string[]): Set<string> {
  const byName = new Map(all.map((p) => [p.packageName, p]));
  const found = new Set<string>();
  const visit = (name: string): void => {
    if (found.has(name) || !byName.has(name)) return;
    found.add(name);
    const file = path.join(REPO, byName.get(name)!.projectFolder, 'package.json');
    const pkg = JSON.parse(fs.readFileSync(file, 'utf8'));
    for (const deps of [pkg.dependencies, pkg.devDependencies]) Object.keys(deps ?? {}).forEach(visit);
  };
  roots.forEach(visit);
  return found;
}

/**
 * Source, without installs and caches: the copy installs for itself. Built output (lib/) only for
 * what the template depends on: Rush built those before this test; other projects may be building
 * right now (their lib/ changing under the copy).
 */
function copyTree(from: string, to: string, withLib: boolean): void {
  fs.cpSync(from, to, {
    recursive: true,
    filter: (source) => {
      const name = path.basename(source);
      return !SKIPPED.has(name) && !source.endsWith('.log') && (withLib || name !== 'lib');
    }
  });
}

/** The environment of the Rush started here, without the outer Rush's variables. */
function childEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(RUSH_|npm_|JEST_|INIT_CWD)/i.test(key))
  );
  // Packages come from this checkout's content-addressed store (hard links), not the network.
  return { ...env, RUSH_PNPM_STORE_PATH: path.join(REPO, 'common', 'temp', 'pnpm-store'), CI: 'true' };
}

function run(cwd: string, args: string[]): SpawnSyncReturns<string> & { seconds: number } {
  const started = Date.now();
  const result = spawnSync(process.execPath, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    timeout: 300_000
  });
  return { ...result, seconds: (Date.now() - started) / 1000 };
}

const rush = (cwd: string, ...args: string[]) => run(cwd, ['common/scripts/install-run-rush.js', ...args]);
const output = (r: SpawnSyncReturns<string>): string => `${r.stdout}\n${r.stderr}`;

/** Fails with the end of the command's output, which says what went wrong. */
function expectSuccess(what: string, result: SpawnSyncReturns<string>): void {
  if (result.status !== 0)
    throw new Error(`${what} exited ${result.status}:\n${output(result).slice(-4000)}`);
}

/** A fingerprint of everything the generator may write: rush.json, terraform/package.json, apps/. */
function repoState(root: string): string {
  const hash = crypto.createHash('sha256');
  hash.update(rushJsonText(root)).update(fs.readFileSync(path.join(root, 'terraform', 'package.json')));
  hash.update(fs.readdirSync(path.join(root, 'apps')).sort().join(','));
  return hash.digest('hex');
}

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.split(path.sep).some((part) => SKIPPED.has(part) || part === 'lib'));
}

/** DESCRIBE of a lab-result checkpoint: each type of the mapping (schemas/README.md, "Tables"). */
const LAB_RESULT_DUCKDB_TYPES = {
  adcid: 'INTEGER',
  ptid: 'VARCHAR',
  sample_id: 'VARCHAR',
  accession_number: 'BIGINT',
  assay: 'VARCHAR',
  collected_on: 'DATE',
  measured_at: 'TIMESTAMP WITH TIME ZONE',
  reported_at: 'TIMESTAMP WITH TIME ZONE',
  value: 'DOUBLE',
  unit: 'VARCHAR',
  lower_limit: 'DOUBLE',
  below_detection_limit: 'BOOLEAN',
  repeat_count: 'INTEGER',
  comment: 'VARCHAR',
  instrument: 'JSON',
  flags: 'JSON',
  source_key: 'VARCHAR',
  source_version: 'VARCHAR',
  ingested_at: 'TIMESTAMP WITH TIME ZONE'
};

/** Microseconds since the epoch of an RFC 3339 date-time, sub-millisecond digits included. */
function epochMicros(text: string): bigint {
  const match = /^(.*T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})?$/i.exec(text)!;
  const seconds = BigInt(Date.parse(`${match[1]}${match[3] ?? 'Z'}`)) * 1000n;
  return seconds + BigInt((match[2] ?? '').padEnd(6, '0').slice(0, 6));
}

/** What DuckDB must read for a record: its values, typed as the mapping says (unit defaulted). */
function expectedRow(sourceKey: string, r: Record<string, unknown>): Record<string, unknown> {
  return {
    source_key: sourceKey,
    adcid: r.adcid,
    ptid: r.ptid,
    sample_id: r.sample_id,
    accession_number: BigInt(r.accession_number as number),
    assay: r.assay,
    collected_on: r.collected_on,
    measured_at: epochMicros(r.measured_at as string),
    reported_at:
      r.reported_at === null || r.reported_at === undefined ? null : epochMicros(r.reported_at as string),
    value: r.value,
    unit: r.unit ?? 'pg/mL',
    lower_limit: r.lower_limit ?? null,
    below_detection_limit: r.below_detection_limit,
    repeat_count: r.repeat_count ?? null,
    comment: r.comment ?? null,
    instrument: r.instrument,
    flags: r.flags ?? null
  };
}

/** A file of the local run's sample, as the generated app makes it. */
interface UploadedFile {
  key: string;
  expect: 'valid' | 'invalid';
  format: string;
  records?: Record<string, unknown>[];
  reason?: string;
}

/** Rows in one order whatever the reader's: by their values as text. */
const rowText = (row: Record<string, unknown>): string =>
  JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value));
const byText = (a: Record<string, unknown>, b: Record<string, unknown>): number =>
  rowText(a) < rowText(b) ? -1 : rowText(a) > rowText(b) ? 1 : 0;

const parseJsonColumns = (row: Record<string, unknown>): Record<string, unknown> => ({
  ...row,
  instrument: row.instrument === null ? null : JSON.parse(row.instrument as string),
  flags: row.flags === null ? null : JSON.parse(row.flags as string)
});

describe('rush new-lambda, in a temporary copy of the repo', () => {
  let copy: string;
  const timings: Record<string, number> = {};

  beforeAll(() => {
    const started = Date.now();
    copy = fs.mkdtempSync(path.join(os.tmpdir(), 'new-lambda-'));
    const text = rushJsonText(REPO);
    const all = projectsOf(text);
    // The template and the Terraform tests (the generator registers new lambdas with them).
    const needed = all.filter((p) =>
      closure(all, ['@reporting/template', '@reporting/terraform-modules']).has(p.packageName)
    );
    const built = closure(all, ['@reporting/template']);
    // rush.json with only the needed projects (one line each, as in the real file).
    const keep = new Set(needed.map((p) => `"projectFolder": "${p.projectFolder}"`));
    const reduced = text
      .split('\n')
      .filter((line) => !line.includes('"projectFolder"') || [...keep].some((k) => line.includes(k)))
      .join('\n');
    // rush.json is JSONC: a block comment must not trouble the generator (nor Rush).
    const withComment = reduced.replace('"projects": [', '/* a block comment */\n  "projects": [');
    fs.writeFileSync(path.join(copy, 'rush.json'), withComment);
    for (const file of [
      '.gitignore',
      '.prettierrc.json',
      'common/config',
      'common/scripts',
      'common/autoinstallers'
    ])
      copyTree(path.join(REPO, file), path.join(copy, file), false);
    for (const project of needed) {
      const withLib = built.has(project.packageName);
      copyTree(path.join(REPO, project.projectFolder), path.join(copy, project.projectFolder), withLib);
    }
    // Rush itself, as this checkout installed it (read only).
    fs.mkdirSync(path.join(copy, 'common', 'temp'), { recursive: true });
    fs.symlinkSync(
      path.join(REPO, 'common', 'temp', 'install-run'),
      path.join(copy, 'common', 'temp', 'install-run')
    );
    // Rush detects changed projects with git.
    for (const args of [
      ['init', '-q'],
      ['add', '-A'],
      ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'copy']
    ]) {
      const git = spawnSync('git', args, { cwd: copy, encoding: 'utf8' });
      if (git.status !== 0) throw new Error(`git ${args.join(' ')}: ${git.stderr}`);
    }
    timings.copy = (Date.now() - started) / 1000;
  });

  afterAll(() => {
    if (copy) fs.rmSync(copy, { recursive: true, force: true });
    console.log(`new-lambda e2e timings (s): ${JSON.stringify(timings)}`);
  });

  it('installs the copy as a developer has it (rush update: packages from the pnpm store)', () => {
    // `rush update`, not `install`: the copy's rush.json lists fewer projects than the lockfile.
    const install = rush(copy, 'update');
    timings.firstInstall = install.seconds;
    expectSuccess('rush update', install);
  });

  it('refuses bad names with a clear error and changes nothing', () => {
    fs.mkdirSync(path.join(copy, 'apps', 'leftover'));
    const before = repoState(copy);
    const cases: [string[], RegExp][] = [
      [['--name', 'template'], /"template" is the template itself/],
      [['--name', 'terraform-modules'], /Rush project @reporting\/terraform-modules .* already exists/],
      [['--name', 'Visit_Counts'], /"Visit_Counts" is not a valid lambda name/],
      [['--name', 'leftover'], /the folder apps\/leftover already exists/],
      [['--name', NAME, '--schema', 'no-such-schema'], /no schema "no-such-schema" in schemas\/definitions/],
      [
        ['--name', NAME, '--schema', 'processing-metrics'],
        /schema "processing-metrics" declares no key placeholders/
      ]
    ];
    for (const [args, message] of cases) {
      const result = rush(copy, 'new-lambda', ...args);
      expect({ args, status: result.status }).toEqual({ args, status: 1 });
      expect(output(result)).toMatch(message);
      expect(output(result)).toContain('Nothing was changed.');
    }
    expect(repoState(copy)).toBe(before);
    fs.rmdirSync(path.join(copy, 'apps', 'leftover'));
  });

  it('creates the lambda with every name replaced, registers it, and says what to run next', () => {
    const result = rush(copy, 'new-lambda', '--name', NAME, '--schema', SCHEMA);
    timings.generate = result.seconds;
    expectSuccess('rush new-lambda', result);
    expect(result.stdout).toContain(
      `node common/scripts/install-run-rush.js update\n  node common/scripts/install-run-rush.js test --to @reporting/${NAME}`
    );
    const app = path.join(copy, 'apps', NAME);
    const files = filesUnder(app);
    expect(files.map((f) => path.relative(app, f))).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'src/index.ts',
        'terraform/main.tf',
        'terraform/prod.tfvars'
      ])
    );
    expect(files.some((f) => f.endsWith('new-lambda.e2e.test.ts'))).toBe(false);
    const leftovers = files.flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ file: path.relative(app, file), line: i + 1, text: line }))
        .filter(({ text }) =>
          /(?<![A-Za-z0-9_])template(?![A-Za-z0-9_])|templateLambda|TemplateLambda|TEMPLATE_LAMBDA/.test(text)
        )
    );
    expect(leftovers).toEqual([]);
    // The schema's names replace visit-event's everywhere but in the shared configuration schema's copy.
    const visitEventLeftovers = files
      .filter((file) => !file.endsWith('data-source-config.schema.json'))
      .filter((file) => /visitEvent|VisitEvent|VISIT_EVENT|visit-event/.test(fs.readFileSync(file, 'utf8')));
    expect(visitEventLeftovers).toEqual([]);
    expect(fs.readFileSync(path.join(app, 'src', 'lambda.ts'), 'utf8')).toContain(
      "recordLambda({\n  table: labResultTable,\n  validate: validateLabResult,\n  format: 'by-extension',\n  schema: labResultSchema\n})"
    );
    expect(JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')).name).toBe(
      `@reporting/${NAME}`
    );
    expect(fs.readFileSync(path.join(app, 'src', 'index.ts'), 'utf8')).toContain(
      'createLambdaRuntime(labCounts)'
    );
    expect(fs.readFileSync(path.join(app, 'terraform', 'main.tf'), 'utf8')).toContain(
      '"${var.name_prefix}-${var.environment}-lab-counts"'
    );
    // The template's entry with the new names: its review category carries over.
    expect(projectsOf(rushJsonText(copy))).toContainEqual({
      packageName: `@reporting/${NAME}`,
      projectFolder: `apps/${NAME}`,
      reviewCategory: 'apps'
    });
    const terraform = JSON.parse(fs.readFileSync(path.join(copy, 'terraform', 'package.json'), 'utf8'));
    expect(terraform.devDependencies[`@reporting/${NAME}`]).toBe('workspace:*');
    // Its Terraform: checkpoints over lab-result's key placeholders (the schema's first example), no
    // visit-event study/datatype left; the Glue columns file is the build's to write.
    for (const environment of ['dev', 'staging', 'prod']) {
      expect(fs.readFileSync(path.join(app, 'terraform', `${environment}.tfvars`), 'utf8')).toContain(
        'checkpoint_tables = [\n  { adcid = "44", assay = "ptau217" },\n]'
      );
    }
    const terraformFiles = files.filter((file) => file.includes(`${path.sep}terraform${path.sep}`));
    expect(
      terraformFiles.filter((file) => /\b(study|datatype)\b/.test(fs.readFileSync(file, 'utf8')))
    ).toEqual([]);
    expect(fs.existsSync(path.join(app, 'terraform', 'table-columns.json'))).toBe(false);
  });

  it('installs, builds and tests green on the first try', () => {
    const update = rush(copy, 'update');
    timings.rushUpdate = update.seconds;
    expectSuccess('rush update', update);
    // --only: the upstream libraries are this checkout's, built and tested by the outer `rush test`.
    const test = rush(copy, 'test', '--only', `@reporting/${NAME}`);
    timings.rushTest = test.seconds;
    expectSuccess('rush test', test);
    const summary = JSON.parse(
      fs.readFileSync(path.join(copy, 'apps', NAME, 'temp', 'test-summary.json'), 'utf8')
    );
    expect({ failed: summary.failed, ran: summary.passed > 0 }).toEqual({ failed: 0, ran: true });
    // Its build wrote the Glue columns its Terraform root reads: lab-result's table, Hive-typed.
    const columnsFile = path.join(copy, 'apps', NAME, 'terraform', 'table-columns.json');
    expect(JSON.parse(fs.readFileSync(columnsFile, 'utf8'))).toEqual(terraformTable(labResultTable));
    expect(fs.readFileSync(path.join(copy, 'apps', NAME, 'terraform', 'main.tf'), 'utf8')).toContain(
      'table = jsondecode(file("${path.module}/table-columns.json"))'
    );
  });

  it("has a local run uploading JSON, JSON array, NDJSON and CSV files; DuckDB reads each mapped type of its checkpoints with the records' exact values", async () => {
    const saved = fs.mkdtempSync(path.join(os.tmpdir(), 'lab-counts-checkpoints-'));
    try {
      const started = Date.now();
      const local = run(copy, [
        path.join('apps', NAME, 'bin', 'local-run.js'),
        '--files',
        '12',
        '--save',
        saved
      ]);
      timings.localRun = (Date.now() - started) / 1000;
      expectSuccess('local run', local);
      console.log(`the generated lambda's local run:\n${local.stdout}`);
      expect(local.stdout).toMatch(/^uploading 16 record files/m);
      expect(local.stdout).toContain('quarantined 4 invalid files (expected 4)');

      // The files the local run uploaded (its sample is reproducible), from the generated app itself.
      const sample = run(copy, [
        '-e',
        `const spec = require('./apps/${NAME}/lib/local-run.js').LAB_COUNTS_LOCAL_RUN;` +
          'const files = spec.sampleFiles(12).map(({ key, expect, format, records, reason }) =>' +
          ' ({ key, expect, format, records, reason }));' +
          'process.stdout.write(JSON.stringify(files));'
      ]);
      expectSuccess('sample', sample);
      const files = JSON.parse(sample.stdout) as UploadedFile[];
      const valid = files.filter((file) => file.expect === 'valid');
      const uploaded = valid.flatMap((file) => file.records!.map((record) => ({ key: file.key, record })));
      const counted = [...local.stdout.matchAll(/^ {2}rows (\d+)$/gm)].reduce((n, m) => n + Number(m[1]), 0);
      expect(counted).toBe(uploaded.length);

      // Files of each format stored, and the invalid one of each quarantined.
      const byFormat = [...local.stdout.matchAll(/^ {2}(\S+) +(\d+) stored, (\d+) quarantined of (\d+)$/gm)];
      expect(byFormat.map((m) => m[1])).toEqual(['json', 'json-array', 'ndjson', 'csv']);
      for (const [, format, stored, quarantined, of] of byFormat) {
        const ofFormat = files.filter((file) => file.format === format);
        expect({ format, stored: Number(stored), quarantined: Number(quarantined), of: Number(of) }).toEqual({
          format,
          stored: ofFormat.filter((file) => file.expect === 'valid').length,
          quarantined: 1,
          of: ofFormat.length
        });
        expect(Number(stored)).toBeGreaterThan(0);
      }
      // Each invalid file quarantined with its reason: in a file of several records, its position.
      const invalid = files.filter((file) => file.expect === 'invalid');
      expect(invalid.map((file) => file.format).sort()).toEqual(['csv', 'json', 'json-array', 'ndjson']);
      for (const file of invalid) expect(local.stdout).toContain(`  1 × ${file.reason!}`);
      expect(local.stdout).toMatch(/^ {2}1 × record 2 \(index 1\): /m);
      expect(local.stdout).toMatch(/^ {2}1 × line 2: /m);
      expect(local.stdout).toMatch(/^ {2}1 × line 3 \(record 2\): /m);

      const duckdb = await DuckDbReader.open();
      try {
        const parquet = fs
          .readdirSync(saved, { recursive: true, encoding: 'utf8' })
          .filter((file) => file.endsWith('.parquet'))
          .map((file) => path.join(saved, file));
        expect(parquet.length).toBeGreaterThan(0);
        const parquetFiles = parquet.map((file) => `'${file}'`).join(', ');
        expect(await duckdb.types(parquet[0])).toEqual(LAB_RESULT_DUCKDB_TYPES);
        const rows = await duckdb.query(
          `SELECT source_key, adcid, ptid, sample_id, accession_number, assay, ` +
            `strftime(collected_on, '%Y-%m-%d') AS collected_on, epoch_us(measured_at) AS measured_at, ` +
            `epoch_us(reported_at) AS reported_at, value, unit, lower_limit, below_detection_limit, ` +
            `repeat_count, comment, instrument::VARCHAR AS instrument, flags::VARCHAR AS flags ` +
            `FROM read_parquet([${parquetFiles}])`
        );
        // Rows of every format, each exactly its record's values.
        const expected = uploaded.map(({ key, record }) => expectedRow(`s3://input/${key}`, record));
        expect(rows.map(parseJsonColumns).sort(byText)).toEqual(expected.sort(byText));
        const extensions = new Set(rows.map((row) => path.extname(row.source_key as string)));
        expect([...extensions].sort()).toEqual(['.csv', '.json', '.ndjson']);
      } finally {
        duckdb.close();
      }
    } finally {
      fs.rmSync(saved, { recursive: true, force: true });
    }
  }, 240_000);
});
