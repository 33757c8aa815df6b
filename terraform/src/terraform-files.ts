import * as fs from 'node:fs';
import * as path from 'node:path';

// Folders that never hold this repo's own Terraform: installs, build output, provider caches.
const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  '.terraform',
  '.rush',
  'common',
  'lib',
  'dist',
  'temp',
  'coverage'
]);

/** Every folder of the repo holding .tf files, with its .tf and .tfvars files (sorted, absolute). */
export interface TerraformFolder {
  readonly dir: string;
  readonly tfFiles: readonly string[];
  readonly tfvarsFiles: readonly string[];
}

export function findTerraformFolders(repoRoot: string): TerraformFolder[] {
  const folders: TerraformFolder[] = [];
  const visit = (dir: string): void => {
    const entries = fs.readdirSync(dir, { withFileTypes: true });
    const files = entries.filter((e) => e.isFile()).map((e) => path.join(dir, e.name));
    const tfFiles = files.filter((f) => f.endsWith('.tf')).sort();
    if (tfFiles.length > 0) {
      folders.push({ dir, tfFiles, tfvarsFiles: files.filter((f) => f.endsWith('.tfvars')).sort() });
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) visit(path.join(dir, entry.name));
    }
  };
  visit(repoRoot);
  return folders.sort((a, b) => a.dir.localeCompare(b.dir));
}
