import type { ProviderSchema, SchemaAttribute, SchemaBlock, SchemaNestedBlock } from './provider-schema';
import { type HclValue, literalTypeMismatch } from './literal-conversion';
import type { TerraformModule } from './terraform-module';

// Checks resource and data blocks against the provider's schema, as `terraform validate` would:
// unknown arguments and blocks, an argument written as a block or a block as an argument, missing
// required arguments and blocks, too many blocks, literals of the wrong type. Values are read as
// hcl2json renders them, which cannot tell `x = [{ … }]` from a block `x { … }` (Terraform's
// JSON syntax does not either), so a list of object literals for a block type passes.

type HclBody = Readonly<Record<string, HclValue>>;

const RESOURCE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle',
  'provisioner',
  'connection'
]);
const DATA_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'count',
  'for_each',
  'depends_on',
  'provider',
  'lifecycle'
]);
const NO_META_ARGUMENTS: ReadonlySet<string> = new Set();

function isBody(value: HclValue): value is { [key: string]: HclValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isBlockList(value: HclValue): value is { [key: string]: HclValue }[] {
  return Array.isArray(value) && value.length > 0 && value.every(isBody);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        previous[j] + 1,
        current[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)
      );
    }
    previous = current;
  }
  return previous[b.length];
}

function suggestion(name: string, schema: SchemaBlock): string {
  const names = [...Object.keys(schema.attributes), ...Object.keys(schema.blocks)];
  const close = names.filter((candidate) => editDistance(name, candidate) <= 2);
  return close.length > 0 ? ` (did you mean "${close.sort()[0]}"?)` : '';
}

function checkAttribute(value: HclValue, attribute: SchemaAttribute, address: string): string[] {
  const mismatch = literalTypeMismatch(value, attribute.type);
  if (!mismatch) return [];
  return [
    isBlockList(value)
      ? `${address}: is an argument of type ${attribute.type}, written as a block (use \`= …\`)`
      : `${address}: ${mismatch} (the argument's type is ${attribute.type})`
  ];
}

function checkNestedBlocks(value: HclValue, nested: SchemaNestedBlock, address: string): string[] {
  if (!isBlockList(value)) {
    return [`${address}: is a block, written as an argument (write \`${address.split('.').pop()} { … }\`)`];
  }
  const maxItems = nested.nesting === 'single' ? 1 : nested.maxItems;
  const problems =
    maxItems !== undefined && value.length > maxItems
      ? [`${address}: ${value.length} blocks, at most ${maxItems} allowed`]
      : [];
  return problems.concat(
    value.flatMap((body, i) =>
      checkBody(body, nested.block, value.length > 1 ? `${address}[${i}]` : address, NO_META_ARGUMENTS)
    )
  );
}

function checkDynamicBlocks(value: HclValue, schema: SchemaBlock, address: string): string[] {
  if (!isBody(value)) return [`${address}.dynamic: malformed dynamic block`];
  return Object.entries(value).flatMap(([name, dynamics]) => {
    const nested = schema.blocks[name];
    const where = `${address}.dynamic "${name}"`;
    if (!nested) return [`${where}: "${name}" is not a block type${suggestion(name, schema)}`];
    if (!isBlockList(dynamics)) return [`${where}: malformed dynamic block`];
    return dynamics.flatMap((dynamic) =>
      isBlockList(dynamic.content ?? null)
        ? checkBody((dynamic.content as HclBody[])[0], nested.block, `${where}.content`, NO_META_ARGUMENTS)
        : [`${where}: no content block`]
    );
  });
}

/** Problems of one block body against its schema; `address` prefixes each message. */
export function checkBody(
  body: HclBody,
  schema: SchemaBlock,
  address: string,
  metaArguments: ReadonlySet<string>
): string[] {
  const problems: string[] = [];
  for (const [name, value] of Object.entries(body)) {
    if (metaArguments.has(name)) continue;
    const attribute = schema.attributes[name];
    const nested = schema.blocks[name];
    if (attribute) problems.push(...checkAttribute(value, attribute, `${address}.${name}`));
    else if (nested) problems.push(...checkNestedBlocks(value, nested, `${address}.${name}`));
    else if (name === 'dynamic') problems.push(...checkDynamicBlocks(value, schema, address));
    else problems.push(`${address}: unknown argument or block "${name}"${suggestion(name, schema)}`);
  }
  for (const [name, attribute] of Object.entries(schema.attributes)) {
    if (attribute.required && (body[name] === undefined || body[name] === null)) {
      problems.push(`${address}: missing required argument "${name}"`);
    }
  }
  const dynamic = isBody(body.dynamic ?? null) ? (body.dynamic as HclBody) : {};
  for (const [name, nested] of Object.entries(schema.blocks)) {
    if (nested.required && body[name] === undefined && dynamic[name] === undefined) {
      problems.push(`${address}: missing required block "${name}"`);
    }
  }
  return problems;
}

/** Problems of every resource and data block of one module (addresses as in Terraform). */
export function checkModuleAgainstSchema(module: TerraformModule, schema: ProviderSchema): string[] {
  const problems: string[] = [];
  const missing = (kind: string, type: string): string =>
    `${kind} type ${type} is not in the provider schema snapshot (${schema.source}); ` +
    'regenerate it: node terraform/scripts/snapshot-provider-schema.js';
  for (const [type, byName] of Object.entries(module.resources)) {
    const block = schema.resources[type];
    if (!block) problems.push(missing('resource', type));
    else {
      for (const [name, body] of Object.entries(byName)) {
        problems.push(...checkBody(body as HclBody, block, `${type}.${name}`, RESOURCE_META_ARGUMENTS));
      }
    }
  }
  for (const [type, byName] of Object.entries(module.dataSources)) {
    const block = schema.dataSources[type];
    if (!block) problems.push(missing('data source', type));
    else {
      for (const [name, body] of Object.entries(byName)) {
        problems.push(...checkBody(body as HclBody, block, `data.${type}.${name}`, DATA_META_ARGUMENTS));
      }
    }
  }
  return problems;
}
