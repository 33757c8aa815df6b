import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ModuleInstance } from './module-instance';
import { loadTerraformRepo, type TerraformRepo } from './terraform-repo';
import { TerraformError, Unknown, UnsupportedExpressionError } from './terraform-value';

// A two-module fixture repo: apps/demo/terraform calls modules/child.
const ROOT_TF = `
variable "env" {
  type        = string
  description = "environment"
}
variable "size" {
  type        = number
  description = "size"
  default     = 2
}
locals {
  name = "demo-\${var.env}"
}
module "child" {
  source  = "../../../modules/child"
  name    = local.name
  size    = var.size
  opt     = null
  strict  = null
}
module "remote" {
  source = "hashicorp/x/aws"
}
output "child_name" {
  description = "n"
  value       = module.child.name
}
`;
const CHILD_TF = `
variable "name" {
  type        = string
  description = "n"
}
variable "size" {
  type        = string
  description = "s"
}
variable "opt" {
  type        = string
  description = "o"
  default     = "fallback"
}
variable "strict" {
  type        = bool
  description = "s"
  default     = true
  nullable    = false
}
data "aws_partition" "current" {}
data "aws_iam_policy_document" "p" {}
resource "aws_s3_bucket" "b" {
  count  = 1
  bucket = "\${var.name}-\${data.aws_partition.current.partition}"
}
resource "aws_sqs_queue" "q" {
  name = var.name
}
output "name" {
  description = "n"
  value       = aws_s3_bucket.b[0].id
}
output "arn" {
  description = "a"
  value       = aws_sqs_queue.q.arn
}
`;

describe('ModuleInstance', () => {
  let dir: string;
  let repo: TerraformRepo;
  let root: ModuleInstance;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'module-instance-'));
    fs.writeFileSync(path.join(dir, 'rush.json'), '{}');
    fs.mkdirSync(path.join(dir, 'apps/demo/terraform'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'modules/child'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'apps/demo/terraform/main.tf'), ROOT_TF);
    fs.writeFileSync(path.join(dir, 'apps/demo/terraform/dev.tfvars'), 'env = "dev"\n');
    fs.writeFileSync(path.join(dir, 'modules/child/main.tf'), CHILD_TF);
    repo = await loadTerraformRepo(dir);
    const [rootModule] = repo.rootModules;
    root = repo.instantiate(rootModule, rootModule.environments[0]);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds root modules by convention with their environments', () => {
    expect(
      repo.rootModules.map((rootModule) => [rootModule.app, rootModule.environments.map((e) => e.name)])
    ).toEqual([['demo', ['dev']]]);
    expect(repo.modules).toHaveLength(2);
  });

  it('resolves variables, locals, module outputs, aliases and plan-time facts across modules', async () => {
    expect(await root.output('child_name')).toBe('demo-dev-aws');
    const child = await root.child('child');
    expect(child.address).toBe('module.child');
    expect(await child.variable('size')).toBe('2');
    expect(await root.resolve('path', [{ kind: 'name', key: 'root' }])).toBe(root.module.dir);
    expect(await child.resolve('path', [{ kind: 'name', key: 'module' }])).toBe(child.module.dir);
    expect(child.describe()).toBe('child (module.child)');
  });

  it('passes null through, except to a non-nullable variable, which gets its default', async () => {
    const child = await root.child('child');
    expect(await child.variable('opt')).toBeNull();
    expect(await child.variable('strict')).toBe(true);
  });

  it('leaves computed attributes unknown, naming the resource', async () => {
    const arn = await (await root.child('child')).output('arn');
    expect(arn).toBeInstanceOf(Unknown);
    expect((arn as Unknown).describe()).toBe('(known after apply: module.child.aws_sqs_queue.q.arn)');
    expect(await root.resolve('each', [{ kind: 'name', key: 'key' }])).toBeInstanceOf(Unknown);
    const child = await root.child('child');
    expect(
      await child.resolve('data', [
        { kind: 'name', key: 'aws_iam_policy_document' },
        { kind: 'name', key: 'p' },
        { kind: 'name', key: 'json' }
      ])
    ).toBeInstanceOf(Unknown);
    expect(await child.resolve('aws_sqs_queue', [{ kind: 'name', key: 'q' }])).toBeInstanceOf(Unknown);
  });

  it('lists every instance of the tree, failing on a non-local module source', async () => {
    await expect(root.allInstances()).rejects.toThrow(UnsupportedExpressionError);
  });

  it('reports references to what is not declared', async () => {
    await expect(root.variable('nope')).rejects.toThrow(TerraformError);
    await expect(root.local('nope')).rejects.toThrow(TerraformError);
    await expect(root.output('nope')).rejects.toThrow(TerraformError);
    await expect(root.child('nope')).rejects.toThrow(TerraformError);
    await expect(root.resourceAttribute('managed', 'aws_x', 'y', 'z')).rejects.toThrow(TerraformError);
    const bare = ModuleInstance.root(root.module, {}, (d) => repo.loadModule(d));
    await expect(bare.variable('env')).rejects.toThrow(/required but not set/);
    await expect(repo.loadModule(path.join(dir, 'missing'))).rejects.toThrow(/does not exist/);
  });
});
