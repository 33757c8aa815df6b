import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseHclFile } from './hcl-parser';
import { ModuleInstance } from './module-instance';
import { findRepoRoot } from './repo-root';
import { type TerraformFolder, findTerraformFolders } from './terraform-files';
import { type TerraformModule, loadTerraformModule } from './terraform-module';

/** One environment of a root module: a `<env>.tfvars` file. */
export interface Environment {
  readonly name: string;
  readonly file: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/**
 * A deployable root module. Convention: every `apps/<app>/terraform/` folder, and any other folder
 * with .tfvars files. `app` is the folder name under apps/ (or the folder's path).
 */
export interface RootModule {
  readonly app: string;
  readonly module: TerraformModule;
  readonly environments: readonly Environment[];
}

/** Every Terraform folder of the repo, parsed. */
export interface TerraformRepo {
  readonly root: string;
  readonly modules: readonly TerraformModule[];
  readonly rootModules: readonly RootModule[];
  loadModule(dir: string): Promise<TerraformModule>;
  /** The root module bound to one environment's variable values. */
  instantiate(rootModule: RootModule, environment: Environment): ModuleInstance;
}

const APP_ROOT_MODULE = /^apps\/([^/]+)\/terraform$/;

export async function loadTerraformRepo(root: string = findRepoRoot()): Promise<TerraformRepo> {
  const cache: Map<string, Promise<TerraformModule>> = new Map();
  const loadFolder = (folder: TerraformFolder): Promise<TerraformModule> => {
    let cached = cache.get(folder.dir);
    if (!cached) {
      cached = loadTerraformModule(folder);
      cache.set(folder.dir, cached);
    }
    return cached;
  };
  const loadModule = (dir: string): Promise<TerraformModule> => {
    if (!fs.existsSync(dir)) return Promise.reject(new Error(`Module folder ${dir} does not exist`));
    const names = fs.readdirSync(dir).sort();
    const tfFiles = names.filter((name) => name.endsWith('.tf')).map((name) => path.join(dir, name));
    return loadFolder({ dir, tfFiles, tfvarsFiles: [] });
  };

  const folders = findTerraformFolders(root);
  const modules = await Promise.all(folders.map(loadFolder));
  const rootModules: RootModule[] = [];
  for (const [i, folder] of folders.entries()) {
    const relative = path.relative(root, folder.dir).split(path.sep).join('/');
    const app = APP_ROOT_MODULE.exec(relative)?.[1];
    if (!app && folder.tfvarsFiles.length === 0) continue;
    const environments = await Promise.all(
      folder.tfvarsFiles.map(async (file) => ({
        name: path.basename(file, '.tfvars'),
        file,
        values: await parseHclFile(file)
      }))
    );
    rootModules.push({ app: app ?? relative, module: modules[i], environments });
  }
  return {
    root,
    modules,
    rootModules,
    loadModule,
    instantiate: (rootModule, environment) =>
      ModuleInstance.root(rootModule.module, environment.values, loadModule)
  };
}
