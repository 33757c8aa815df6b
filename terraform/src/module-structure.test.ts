import * as fs from 'node:fs';
import * as path from 'node:path';
import { MODULE_FOLDERS, REPO_ROOT, moduleAt, terraformRepo, relative } from './testing/fixtures';
import type { Body } from './terraform-module';

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
      's3-bucket',
      's3-sqs-trigger'
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
