#!/usr/bin/env node
'use strict';
// Regenerates provider-schema/aws.json: the AWS provider's schema (argument names, types, nested
// blocks, required/optional) for every resource and data source type this repo's Terraform uses.
//
// Source: the npm package @cdktf/provider-aws, which HashiCorp generated from the provider's own
// schema (`terraform providers schema -json`). The package has no schema JSON; each type's
// lib/<type>/index.js carries, per block, an `attrs` table (Terraform name, isBlock, nesting,
// value type) and index.d.ts marks optional arguments with `?`. The package (34 MB packed, 360 MB
// unpacked) is fetched into a temporary folder with `npm pack`, never installed into the repo.
//
// Usage (after `rush build --to @reporting/terraform-modules`, which this script reads the
// configuration with):  node scripts/snapshot-provider-schema.js [--package-version 19.65.1]
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { parseArgs } = require('node:util');

const PACKAGE = '@cdktf/provider-aws';
// 19.65.1 is generated from hashicorp/aws 5.99.1 (`npm view @cdktf/provider-aws@19.65.1 cdktf`);
// 20.x needs cdktf 0.21 but carries the same kind of tables.
const DEFAULT_PACKAGE_VERSION = '19.65.1';
const OUTPUT = path.join(__dirname, '..', 'provider-schema', 'aws.json');

/** `aws_cloudwatch_metric_alarm` => `cloudwatch-metric-alarm`; data sources get `data-aws-`. */
function packageFolder(kind, type) {
  const rest = type.replace(/^aws_/, '').replace(/_/g, '-');
  return kind === 'dataSources' ? `data-aws-${rest}` : rest;
}

/** `readonly` members of every interface of a .d.ts: interface => Terraform name => optional. */
function readOptionalFlags(dts) {
  const interfaces = new Map();
  const interfacePattern = /^export interface (\w+)[^{]*\{\n([\s\S]*?)^\}/gm;
  for (const [, name, body] of dts.matchAll(interfacePattern)) {
    const members = new Map();
    // Each member's doc comment links to the registry anchor named after the Terraform argument.
    const memberPattern = /#(\w+)\}[^/]*?\*\/\s*\n\s*readonly \w+(\??):/g;
    for (const [, tfName, optional] of body.matchAll(memberPattern)) members.set(tfName, optional === '?');
    // A member typed as one struct (not an array) is a block with at most one element.
    const single = new Set();
    const typePattern = /#(\w+)\}[^/]*?\*\/\s*\n\s*readonly \w+\??: ([\w.]+)( \| cdktf\.IResolvable)?;/g;
    for (const [, tfName, tsType] of body.matchAll(typePattern)) {
      if (/^[A-Z]/.test(tsType)) single.add(tfName);
    }
    interfaces.set(name, { members, single });
  }
  return interfaces;
}

/** Every `attrs = { ... }` table of an index.js: owner (class or struct function) => entries. */
function readAttributeTables(js) {
  const tables = new Map();
  const ownerPattern =
    /(?:^function (\w+)ToHclTerraform\(struct\) \{|^ {4}synthesizeHclAttributes\(\) \{)[\s\S]*?const attrs = \{\n([\s\S]*?)\n *\};/gm;
  const entryPattern =
    /^ +(\w+): \{\n +value: (.*),\n +isBlock: (true|false),\n +type: "(\w+)",\n +storageClassType: "(\w+)",\n +\},/gm;
  for (const match of js.matchAll(ownerPattern)) {
    const owner = match[1] ? match[1][0].toUpperCase() + match[1].slice(1) : '<config>';
    const entries = [];
    for (const [, name, value, isBlock, nesting, storage] of match[2].matchAll(entryPattern)) {
      const struct = /(?:^|[(, ])([a-z]\w*)ToHclTerraform\b/.exec(value.replace(/cdktf\.\w+/g, ''));
      entries.push({
        name,
        isBlock: isBlock === 'true',
        nesting,
        storage,
        struct: struct ? struct[1][0].toUpperCase() + struct[1].slice(1) : undefined
      });
    }
    tables.set(owner, entries);
  }
  // Every attrs entry has one isBlock line: a count that differs means the patterns above missed one.
  const parsed = [...tables.values()].reduce((sum, entries) => sum + entries.length, 0);
  const expected = (js.match(/^ +isBlock: (?:true|false),$/gm) ?? []).length;
  if (parsed !== expected) throw new Error(`parsed ${parsed} of ${expected} attrs entries`);
  return tables;
}

const PRIMITIVES = { string: 'string', number: 'number', boolean: 'bool', any: 'any' };

/** A Terraform type expression for a non-struct attribute, from cdktf's storage class name. */
function valueType(nesting, storage) {
  if (nesting === 'simple') {
    if (!(storage in PRIMITIVES)) throw new Error(`unknown simple storage class ${storage}`);
    return PRIMITIVES[storage];
  }
  const element = /^(string|number|boolean|any)(List|Map|ListList|MapList|ListMap|MapMap)$/.exec(storage);
  if (!element) throw new Error(`unknown storage class ${storage}`);
  const inner = {
    List: PRIMITIVES[element[1]],
    Map: PRIMITIVES[element[1]],
    ListList: `list(${PRIMITIVES[element[1]]})`,
    MapList: `map(${PRIMITIVES[element[1]]})`,
    ListMap: `list(${PRIMITIVES[element[1]]})`,
    MapMap: `map(${PRIMITIVES[element[1]]})`
  }[element[2]];
  return `${nesting}(${inner})`;
}

function buildBlock(owner, interfaceName, tables, interfaces, where) {
  const entries = tables.get(owner);
  const flags = interfaces.get(interfaceName);
  if (!entries || !flags) throw new Error(`${where}: no attrs table or interface for ${owner}`);
  const block = { attributes: {}, blocks: {} };
  for (const entry of entries) {
    if (!flags.members.has(entry.name))
      throw new Error(`${where}: ${entry.name} missing in ${interfaceName}`);
    const required = !flags.members.get(entry.name);
    if (entry.struct) {
      if (entry.isBlock) {
        const nested = buildBlock(entry.struct, entry.struct, tables, interfaces, `${where}.${entry.name}`);
        const nesting = entry.nesting === 'struct' ? 'single' : entry.nesting;
        const maxItems = nesting !== 'single' && flags.single.has(entry.name) ? { maxItems: 1 } : {};
        block.blocks[entry.name] = { nesting, required, ...maxItems, block: nested };
      } else {
        // An attribute of object type (plugin-framework nested attribute): the checker does not
        // implement it yet, so refuse rather than snapshot something it would misread.
        throw new Error(`${where}.${entry.name}: object-typed attributes are not supported`);
      }
    } else {
      if (entry.isBlock) throw new Error(`${where}: block ${entry.name} without a struct`);
      block.attributes[entry.name] = { type: valueType(entry.nesting, entry.storage), required };
    }
  }
  return block;
}

function readType(libDir, kind, type) {
  const folder = path.join(libDir, packageFolder(kind, type));
  const js = fs.readFileSync(path.join(folder, 'index.js'), 'utf8');
  const dts = fs.readFileSync(path.join(folder, 'index.d.ts'), 'utf8');
  const declared = /^(\w+)\.tfResourceType = "(\w+)";$/m.exec(js);
  if (!declared || declared[2] !== type) throw new Error(`${folder} does not declare ${type}`);
  return buildBlock(
    '<config>',
    `${declared[1]}Config`,
    readAttributeTables(js),
    readOptionalFlags(dts),
    type
  );
}

/** Resource and data source types of every .tf file of the repo (via the built test library). */
async function usedTypes() {
  const { loadTerraformRepo } = require('../lib/terraform-repo');
  const repo = await loadTerraformRepo();
  const resources = new Set();
  const dataSources = new Set();
  for (const module of repo.modules) {
    for (const type of Object.keys(module.resources)) resources.add(type);
    for (const type of Object.keys(module.dataSources)) dataSources.add(type);
  }
  return { resources: [...resources].sort(), dataSources: [...dataSources].sort() };
}

async function main() {
  const { values } = parseArgs({
    options: {
      'package-version': { type: 'string', default: DEFAULT_PACKAGE_VERSION },
      help: { type: 'boolean' }
    }
  });
  if (values.help) {
    console.log('usage: node scripts/snapshot-provider-schema.js [--package-version 19.65.1]');
    return;
  }
  const types = await usedTypes();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'provider-aws-'));
  try {
    const spec = `${PACKAGE}@${values['package-version']}`;
    console.log(`fetching ${spec} into ${tmp}`);
    const tarball = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', tmp], {
      encoding: 'utf8'
    })
      .trim()
      .split('\n')
      .pop();
    const members = ['package/package.json'];
    for (const kind of ['resources', 'dataSources']) {
      for (const type of types[kind]) {
        const folder = packageFolder(kind, type);
        members.push(`package/lib/${folder}/index.js`, `package/lib/${folder}/index.d.ts`);
      }
    }
    execFileSync('tar', ['-xzf', path.join(tmp, tarball), '-C', tmp, ...members]);
    const manifest = JSON.parse(fs.readFileSync(path.join(tmp, 'package/package.json'), 'utf8'));
    const libDir = path.join(tmp, 'package/lib');
    const snapshot = {
      comment: 'Generated by terraform/scripts/snapshot-provider-schema.js; do not edit.',
      provider: manifest.cdktf.provider.name,
      providerVersion: manifest.cdktf.provider.version,
      source: `${PACKAGE}@${manifest.version}`,
      resources: {},
      dataSources: {}
    };
    for (const kind of ['resources', 'dataSources']) {
      for (const type of types[kind]) snapshot[kind][type] = readType(libDir, kind, type);
    }
    fs.mkdirSync(path.dirname(OUTPUT), { recursive: true });
    fs.writeFileSync(OUTPUT, `${JSON.stringify(snapshot, null, 2)}\n`);
    console.log(
      `wrote ${path.relative(process.cwd(), OUTPUT)}: ${snapshot.provider} ${snapshot.providerVersion}, ` +
        `${types.resources.length} resource and ${types.dataSources.length} data source types`
    );
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
