import { checkModuleAgainstSchema } from './provider-schema-check';
import { loadProviderSchema } from './provider-schema';
import type { Body } from './terraform-module';
import { MODULE_FOLDERS, moduleAt } from './testing/fixtures';

// Every resource and data block of every module and root module against the AWS provider's own
// schema (snapshot in provider-schema/aws.json): what `terraform validate` would reject without
// downloading the provider.
const schema = loadProviderSchema();

describe(`provider schema snapshot (${schema.source}, hashicorp/aws ${schema.providerVersion})`, () => {
  it('is of a provider version every module admits (~> 5.N)', async () => {
    const [major, minor] = schema.providerVersion.split('.').map(Number);
    for (const folder of MODULE_FOLDERS) {
      const module = await moduleAt(folder);
      const providers = module.terraformBlocks.flatMap((block) => (block.required_providers ?? []) as Body[]);
      const constraint = String(providers.map((block) => (block.aws as Body | undefined)?.version)[0]);
      const pinned = /^~> (\d+)\.(\d+)$/.exec(constraint);
      expect({
        folder,
        constraint,
        admitted: !!pinned && +pinned[1] === major && +pinned[2] <= minor
      }).toEqual({
        folder,
        constraint,
        admitted: true
      });
    }
  });
});

describe('resource and data blocks match the AWS provider schema', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    expect(checkModuleAgainstSchema(module, schema)).toEqual([]);
  });
});
