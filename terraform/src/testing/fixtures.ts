import * as fs from 'node:fs';
import * as path from 'node:path';
import { findRepoRoot } from '../repo-root';
import { findTerraformFolders } from '../terraform-files';
import { type RootModule, type TerraformRepo, type Environment, loadTerraformRepo } from '../terraform-repo';
import type { ModuleInstance } from '../module-instance';

// Shared by the test files: the repo's Terraform, parsed once per test file, and the list of
// (root module, environment) pairs known synchronously so tests can be generated per pair.

export const REPO_ROOT: string = findRepoRoot(__dirname);

let repo: Promise<TerraformRepo> | undefined;
export function terraformRepo(): Promise<TerraformRepo> {
  repo ??= loadTerraformRepo(REPO_ROOT);
  return repo;
}

export const relative = (file: string): string => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** Every Terraform folder, relative to the repo root (for per-module tests). */
export const MODULE_FOLDERS: string[] = findTerraformFolders(REPO_ROOT).map((folder) => relative(folder.dir));

/** `apps/<app>/terraform` folders and any other folder with .tfvars files, with their environments. */
export const ENVIRONMENT_CASES: { folder: string; environment: string }[] = findTerraformFolders(REPO_ROOT)
  .filter((folder) => folder.tfvarsFiles.length > 0 || /^apps\/[^/]+\/terraform$/.test(relative(folder.dir)))
  .flatMap((folder) =>
    folder.tfvarsFiles.map((file) => ({
      folder: relative(folder.dir),
      environment: path.basename(file, '.tfvars')
    }))
  );

/** The module a root module deploys through (`terraform/modules/<name>`), read from its main.tf. */
function deployedThrough(folder: string): string | undefined {
  const main = path.join(REPO_ROOT, folder, 'main.tf');
  if (!fs.existsSync(main)) return undefined;
  return /source\s*=\s*"[^"]*terraform\/modules\/([a-z0-9-]+)"/.exec(fs.readFileSync(main, 'utf8'))?.[1];
}

/** The S3-triggered lambdas (through `reporting-lambda`): queue, idempotency table, Athena tables. */
export const S3_LAMBDA_CASES: { folder: string; environment: string }[] = ENVIRONMENT_CASES.filter(
  ({ folder }) => deployedThrough(folder) !== 'scheduled-api-lambda'
);

/** The scheduled API lambdas (through `scheduled-api-lambda`): schedules, SSM credentials, one table prefix. */
export const SCHEDULED_LAMBDA_CASES: { folder: string; environment: string }[] = ENVIRONMENT_CASES.filter(
  ({ folder }) => deployedThrough(folder) === 'scheduled-api-lambda'
);

export interface InstantiatedCase {
  readonly repo: TerraformRepo;
  readonly rootModule: RootModule;
  readonly environment: Environment;
  readonly root: ModuleInstance;
}

/** The root module of `folder` bound to `<environment>.tfvars`. */
export async function instantiate(folder: string, environment: string): Promise<InstantiatedCase> {
  const loaded = await terraformRepo();
  const rootModule = loaded.rootModules.find((candidate) => relative(candidate.module.dir) === folder);
  const env = rootModule?.environments.find((candidate) => candidate.name === environment);
  if (!rootModule || !env) throw new Error(`No root module ${folder} with ${environment}.tfvars`);
  return { repo: loaded, rootModule, environment: env, root: loaded.instantiate(rootModule, env) };
}

/** The module at a folder relative to the repo root. */
export async function moduleAt(folder: string): Promise<TerraformRepo['modules'][number]> {
  const loaded = await terraformRepo();
  const found = loaded.modules.find((module) => relative(module.dir) === folder);
  if (!found) throw new Error(`No Terraform module in ${folder}`);
  return found;
}
