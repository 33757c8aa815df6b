import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { findTerraformFolders } from './terraform-files';
import { REPO_ROOT, relative } from './testing/fixtures';

// `terraform fmt -check` over every Terraform folder of the repo. CI installs Terraform
// (.github/workflows/ci.yml runs the same check); where the binary is missing this test says so
// in the output and is skipped rather than passing silently.
const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' });
const available = terraform.status === 0;
if (!available) {
  console.warn(
    'terraform-fmt.test: SKIPPED, no terraform binary on PATH (install Terraform >= 1.9 to run it)'
  );
}

(available ? describe : describe.skip)('terraform fmt -check', () => {
  it('finds no unformatted .tf or .tfvars file', () => {
    const folders = findTerraformFolders(REPO_ROOT).map((folder) => folder.dir);
    const unformatted = folders.flatMap((dir) => {
      const result = spawnSync('terraform', ['fmt', '-check', '-list=true', dir], { encoding: 'utf8' });
      if (result.status !== 0 && result.stdout.trim() === '') throw new Error(result.stderr);
      return result.stdout
        .split('\n')
        .filter(Boolean)
        .map((file) => relative(path.resolve(dir, file)));
    });
    expect(unformatted).toEqual([]);
  });
});
