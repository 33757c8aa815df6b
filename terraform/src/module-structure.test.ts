import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODULE_FOLDERS, REPO_ROOT, moduleAt, terraformRepo, relative } from './testing/fixtures';
import type { Body } from './terraform-module';
import { findDataSourceConfigSchema } from './data-source-config-schemas';

const REUSABLE_MODULES = MODULE_FOLDERS.filter((folder) => folder.startsWith('terraform/modules/'));
const REQUIRED_FILES = ['README.md', 'variables.tf', 'outputs.tf', 'versions.tf'];
const ENVIRONMENTS = ['dev', 'staging', 'prod'];

describe('reusable modules', () => {
  it('include the documented set', () => {
    expect(REUSABLE_MODULES.map((folder) => path.basename(folder)).sort()).toEqual([
      'analytics',
      'idempotency-table',
      'lambda-function',
      'lambda-iam',
      'lambda-monitoring',
      'reporting-lambda',
      's3-bucket',
      's3-sqs-trigger',
      'scheduled-api-lambda'
    ]);
  });

  it.each(REUSABLE_MODULES)('%s has README.md, variables.tf, outputs.tf and versions.tf', (folder) => {
    const missing = REQUIRED_FILES.filter((file) => !fs.existsSync(path.join(REPO_ROOT, folder, file)));
    expect(missing).toEqual([]);
  });
});

describe('every module pins Terraform and the AWS provider (hashicorp/aws ~> 5.x)', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    const terraform = module.terraformBlocks;
    expect(terraform.map((block) => block.required_version).filter(Boolean)).toHaveLength(1);
    const providers = terraform.flatMap((block) => (block.required_providers ?? []) as Body[]);
    const aws = providers.map((block) => block.aws as Body | undefined).find(Boolean);
    expect(aws).toEqual({ source: 'hashicorp/aws', version: expect.stringMatching(/^~> 5\.\d+$/) });
  });
});

describe('root modules', () => {
  it('exist for every app with a terraform folder', async () => {
    const repo = await terraformRepo();
    const apps = fs.existsSync(path.join(REPO_ROOT, 'apps'))
      ? fs
          .readdirSync(path.join(REPO_ROOT, 'apps'))
          .filter((app) => fs.existsSync(path.join(REPO_ROOT, 'apps', app, 'terraform')))
      : [];
    expect(repo.rootModules.map((rootModule) => rootModule.app).sort()).toEqual(
      expect.arrayContaining(apps.sort())
    );
    expect(repo.rootModules.length).toBeGreaterThan(0);
  });

  it('of apps deploy through terraform/modules/reporting-lambda (or scheduled-api-lambda) and declare no resources of their own', async () => {
    // One place for the wiring every lambda shares; an app's root module only names it and passes
    // the settings its tfvars choose (duplicated wiring drifts).
    const repo = await terraformRepo();
    const apps = repo.rootModules.filter((rootModule) => /^apps\//.test(relative(rootModule.module.dir)));
    expect(apps.length).toBeGreaterThan(0);
    for (const { module } of apps) {
      const where = relative(module.dir);
      const sources = Object.values(module.modules).map((call) =>
        relative(path.resolve(module.dir, String(call.source)))
      );
      // S3-triggered lambdas share reporting-lambda; scheduled API lambdas share scheduled-api-lambda.
      expect({ where, sources }).toEqual({
        where,
        sources: [
          sources[0] === 'terraform/modules/scheduled-api-lambda'
            ? 'terraform/modules/scheduled-api-lambda'
            : 'terraform/modules/reporting-lambda'
        ]
      });
      expect({ where, resources: Object.keys(module.resources) }).toEqual({ where, resources: [] });
    }
  });

  it('have dev, staging and prod tfvars that set only declared variables and every required one', async () => {
    const repo = await terraformRepo();
    const problems: string[] = [];
    for (const rootModule of repo.rootModules) {
      const where = relative(rootModule.module.dir);
      const names = rootModule.environments.map((environment) => environment.name);
      for (const missing of ENVIRONMENTS.filter((name) => !names.includes(name)))
        problems.push(`${where}: no ${missing}.tfvars`);
      for (const environment of rootModule.environments) {
        for (const key of Object.keys(environment.values)) {
          if (!(key in rootModule.module.variables))
            problems.push(`${relative(environment.file)}: undeclared "${key}"`);
        }
        for (const [name, body] of Object.entries(rootModule.module.variables)) {
          if (!('default' in body) && !(name in environment.values)) {
            problems.push(`${relative(environment.file)}: required "${name}" not set`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Name of the workspace package owning a file (nearest package.json above it), or undefined. */
function owningPackage(file: string): string | undefined {
  for (
    let dir = path.dirname(file);
    dir.startsWith(REPO_ROOT) && dir !== REPO_ROOT;
    dir = path.dirname(dir)
  ) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest))
      return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name: string }).name;
  }
  return undefined;
}

describe('what these tests read belongs to devDependencies of this project', () => {
  // Rush re-runs a project's tests when it or a dependency changes; the root modules and schemas
  // live in other projects, which therefore have to be dependencies (Rush forbids listing other
  // projects' files as extra inputs).
  it('covers every root module and every data-source-config schema', async () => {
    const own = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'terraform/package.json'), 'utf8')) as {
      name: string;
      devDependencies: Record<string, string>;
    };
    const repo = await terraformRepo();
    const files = [
      ...repo.rootModules.map((rootModule) => rootModule.module.files[0]),
      ...repo.rootModules.map((rootModule) => findDataSourceConfigSchema(REPO_ROOT, rootModule.app) ?? '')
    ].filter(Boolean);
    const missing = files
      .map((file) => ({ file: relative(file), owner: owningPackage(file) }))
      .filter(({ owner }) => owner !== own.name && (owner === undefined || !(owner in own.devDependencies)));
    expect(missing).toEqual([]);
  });
});
