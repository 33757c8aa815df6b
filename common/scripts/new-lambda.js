'use strict';
// `rush new-lambda --name <name> [--schema <schema>]`: creates apps/<name>, a new reporting lambda, from
// apps/template with every name replaced; registers it in rush.json and with the Terraform contract
// tests (terraform/package.json); prints the next two commands. Checks everything before writing
// anything, and undoes its writes if one fails: a refused or failed run changes nothing.
const fs = require('node:fs');
const path = require('node:path');

const TEMPLATE_FOLDER = 'apps/template';
const TEMPLATE_PACKAGE = '@reporting/template';
const DEFAULT_SCHEMA = 'visit-event';
/** What is never copied: build output, installs, logs, and the generator's own test. */
const SKIPPED = new Set(['node_modules', 'lib', 'dist', 'temp', '.rush', '.heft', 'rush-logs', 'coverage']);
const GENERATOR_ONLY = new Set(['src/new-lambda.e2e.test.ts']);
/** Written by the app's build from its table (the rig's write-terraform-table.js): the first build writes the new app's. */
const BUILD_WRITTEN = new Set(['terraform/table-columns.json']);
const NAME_PATTERN = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const MAX_NAME_LENGTH = 30; // AWS names: <prefix ≤21>-<environment ≤7>-<name> must fit IAM's 64

class NewLambdaError extends Error {}

const words = (name) => name.split('-');
const pascal = (name) =>
  words(name)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (name) => pascal(name)[0].toLowerCase() + pascal(name).slice(1);
const constant = (name) => words(name).join('_').toUpperCase();

/**
 * The template's names and what they become. The template writes its name as `template` (folder,
 * package, resources) only where it is a whole word, and `templateLambda`/`TEMPLATE_LAMBDA` in code.
 */
function nameReplacements(name) {
  return [
    [/templateLambda/g, camel(name)],
    [/TemplateLambda/g, pascal(name)],
    [/TEMPLATE_LAMBDA/g, constant(name)],
    [/(?<![A-Za-z0-9_])template(?![A-Za-z0-9_])/g, name]
  ];
}

/** What a generated project must not contain any more (the test greps for it). */
const LEFTOVER_PATTERN =
  /(?<![A-Za-z0-9_])template(?![A-Za-z0-9_])|templateLambda|TemplateLambda|TEMPLATE_LAMBDA/;

// rush.json allows comments and trailing commas: parsed with a JSONC parser (Rush installs it, with the
// command's autoinstaller, before running this script).
const jsonc = require('../autoinstallers/rush-scripts/node_modules/jsonc-parser');
function readJson(file) {
  const errors = [];
  const value = jsonc.parse(fs.readFileSync(file, 'utf8'), errors, { allowTrailingComma: true });
  if (errors.length > 0) {
    const { error, offset } = errors[0];
    throw new NewLambdaError(
      `${file} is not valid JSON: ${jsonc.printParseErrorCode(error)} at offset ${offset}`
    );
  }
  return value;
}

function checkName(root, name, rushJson) {
  if (typeof name !== 'string' || name === '')
    throw new NewLambdaError('--name is required, e.g. --name visit-counts');
  if (!NAME_PATTERN.test(name) || name.length < 3 || name.length > MAX_NAME_LENGTH) {
    throw new NewLambdaError(
      `"${name}" is not a valid lambda name: use 3-${MAX_NAME_LENGTH} lowercase letters, digits and single hyphens, ` +
        `starting with a letter (it becomes the npm package @reporting/${name}, the folder apps/${name} and AWS resource names)`
    );
  }
  if (name === 'template') throw new NewLambdaError('"template" is the template itself; choose another name');
  const packageName = `@reporting/${name}`;
  const folder = `apps/${name}`;
  const existing = rushJson.projects.find((p) => p.packageName === packageName || p.projectFolder === folder);
  if (existing) {
    throw new NewLambdaError(
      `a Rush project ${existing.packageName} (${existing.projectFolder}) already exists; choose another name`
    );
  }
  if (fs.existsSync(path.join(root, folder))) {
    throw new NewLambdaError(`the folder ${folder} already exists; choose another name or remove it`);
  }
  return { packageName, folder };
}

/** `visit-event` → `VISIT_EVENT`: the prefix of the schema's generated `<CONSTANT>_EXAMPLE`. */
const constantOfSchema = (schema) => schema.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();

/**
 * The names @reporting/schemas generates for the schema (schemas/scripts/generate.js): its type
 * `<Title>`, `<Title>Row`, `<camel>Table`, `<camel>Schema`, `validate<Title>` and `<CONSTANT>_EXAMPLE`.
 * Any schema of schemas/definitions works whose table declares key placeholders: they name each
 * record's checkpoint.
 */
function checkSchema(root, schema) {
  const definitions = path.join(root, 'schemas', 'definitions');
  const file = path.join(definitions, `${schema}.schema.json`);
  const available = fs.existsSync(definitions)
    ? fs.readdirSync(definitions).map((f) => f.replace(/\.schema\.json$/, ''))
    : [];
  if (!fs.existsSync(file)) {
    throw new NewLambdaError(
      `no schema "${schema}" in schemas/definitions; available: ${available.join(', ')}`
    );
  }
  const definition = readJson(file);
  const type = definition.title;
  if (typeof type !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(type)) {
    throw new NewLambdaError(`schema "${schema}" has no PascalCase "title" (the name of its generated type)`);
  }
  const placeholders = definition['x-parquet']?.keyPlaceholders ?? [];
  if (!Array.isArray(placeholders) || placeholders.length === 0) {
    throw new NewLambdaError(
      `schema "${schema}" declares no key placeholders, so its table cannot route a record to a checkpoint: ` +
        `add "x-parquet": { "keyPlaceholders": ["<property>", …] } (REQUIRED string or integer properties) ` +
        `to schemas/definitions/${schema}.schema.json (schemas/README.md, "Tables")`
    );
  }
  const camel = type[0].toLowerCase() + type.slice(1);
  const example = (definition.examples ?? [])[0] ?? {};
  return {
    type,
    camel,
    constant: constantOfSchema(schema),
    keyTemplate: `checkpoints/${placeholders.map((p) => `{${p}}`).join('/')}/events.parquet`,
    // One checkpoint of the schema's first example, as a Terraform checkpoint_tables entry.
    exampleCheckpoint: `{ ${placeholders.map((p) => `${p} = ${JSON.stringify(String(example[p] ?? p))}`).join(', ')} }`
  };
}

/** The template's schema names (visit-event's) → the chosen schema's. */
function schemaReplacements(root, schema, names) {
  if (schema === DEFAULT_SCHEMA) return [];
  const template = checkSchema(root, DEFAULT_SCHEMA);
  return [
    [/\bvalidateVisitEvent\b/g, `validate${names.type}`],
    [/\bVisitEvent(Row)?\b/g, `${names.type}$1`],
    [/\bvisitEvent(Table|Schema)\b/g, `${names.camel}$1`],
    [/\bVISIT_EVENT_EXAMPLE\b/g, `${names.constant}_EXAMPLE`],
    [/visit-event\.schema\.json/g, `${schema}.schema.json`],
    // The key template over the table's placeholders (data-source-config.schema.json, a copy of the
    // shared configuration schema, keeps the shared default: the runtime derives the same one).
    [
      new RegExp(template.keyTemplate.replace(/[{}.]/g, '\\$&'), 'g'),
      names.keyTemplate,
      'data-source-config.schema.json'
    ],
    // The <env>.tfvars checkpoints (the template's are visit events'): one over the table's placeholders.
    [
      /checkpoint_tables = \[\n(?: {2}\{[^\n]*\},\n)*\]/g,
      `checkpoint_tables = [\n  ${names.exampleCheckpoint},\n]`
    ]
  ];
}

/** Every file of the template to copy, as paths relative to it. */
function templateFiles(dir, prefix = '') {
  const files = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!SKIPPED.has(entry.name)) files.push(...templateFiles(path.join(dir, entry.name), relative));
    } else if (
      !GENERATOR_ONLY.has(relative) &&
      !BUILD_WRITTEN.has(relative) &&
      !entry.name.endsWith('.log')
    ) {
      files.push(relative);
    }
  }
  return files;
}

/** Every replacement, but those that skip this file (their third element: a file name). */
const applyAll = (text, replacements, relative = '') =>
  replacements.reduce(
    (t, [pattern, value, skippedFile]) =>
      skippedFile && relative.endsWith(skippedFile) ? t : t.replace(pattern, value),
    text
  );

/** rush.json with the project added after the template's entry (rush.json keeps its comments). */
function withProject(rushText, packageName, folder) {
  const line = rushText.split('\n').find((l) => l.includes(`"projectFolder": "${TEMPLATE_FOLDER}"`));
  if (!line) throw new NewLambdaError(`rush.json has no entry for ${TEMPLATE_FOLDER}`);
  // The template's entry with the new names: its other settings (reviewCategory) carry over.
  const entry = line
    .replace(`"packageName": "${TEMPLATE_PACKAGE}"`, `"packageName": "${packageName}"`)
    .replace(`"projectFolder": "${TEMPLATE_FOLDER}"`, `"projectFolder": "${folder}"`);
  return rushText.replace(line, `${line}\n${entry}`);
}

/** terraform/package.json with the project as a devDependency: its contract tests re-run when it changes. */
function withTerraformDependency(text, packageName) {
  const pkg = JSON.parse(text);
  pkg.devDependencies = Object.fromEntries(
    Object.entries({ ...pkg.devDependencies, [packageName]: 'workspace:*' }).sort(([a], [b]) =>
      a.localeCompare(b)
    )
  );
  return `${JSON.stringify(pkg, null, 2)}\n`;
}

/** Creates the lambda; returns what it wrote. Throws NewLambdaError (nothing changed) for bad input. */
function newLambda({ root, name, schema = DEFAULT_SCHEMA }) {
  const rushFile = path.join(root, 'rush.json');
  const rushText = fs.readFileSync(rushFile, 'utf8');
  const { packageName, folder } = checkName(root, name, readJson(rushFile));
  const schemaNames = checkSchema(root, schema);
  const replacements = [...schemaReplacements(root, schema, schemaNames), ...nameReplacements(name)];
  const templateDir = path.join(root, TEMPLATE_FOLDER);
  const terraformFile = path.join(root, 'terraform', 'package.json');
  const terraformText = fs.existsSync(terraformFile) ? fs.readFileSync(terraformFile, 'utf8') : undefined;
  // Everything is computed before the first write.
  const files = templateFiles(templateDir).map((relative) => {
    const source = path.join(templateDir, relative);
    const content = fs.readFileSync(source);
    const text = content.toString('utf8');
    const isText = !content.includes(0);
    return {
      relative: applyAll(relative, nameReplacements(name)),
      content: isText ? applyAll(text, replacements, relative) : content,
      mode: fs.statSync(source).mode
    };
  });
  const newRushText = withProject(rushText, packageName, folder);
  const newTerraformText = terraformText && withTerraformDependency(terraformText, packageName);

  const target = path.join(root, folder);
  try {
    for (const file of files) {
      const destination = path.join(target, file.relative);
      fs.mkdirSync(path.dirname(destination), { recursive: true });
      fs.writeFileSync(destination, file.content, { mode: file.mode });
    }
    fs.writeFileSync(rushFile, newRushText);
    if (newTerraformText) fs.writeFileSync(terraformFile, newTerraformText);
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    fs.writeFileSync(rushFile, rushText);
    if (terraformText) fs.writeFileSync(terraformFile, terraformText);
    throw error;
  }
  return { packageName, folder, files: files.map((f) => `${folder}/${f.relative}`) };
}

/**
 * Formats the generated sources with the repo's Prettier (the build fails on unformatted files, and
 * new names change line lengths). Returns false when Prettier is not installed yet (no `rush install`).
 */
async function formatSources(root, folder) {
  let prettier;
  try {
    prettier = require(require.resolve('prettier', { paths: [path.join(root, 'libraries', 'node-rig')] }));
  } catch {
    return false;
  }
  const files = templateFiles(path.join(root, folder)).filter((f) => /\.(ts|js|cjs|mjs)$/.test(f));
  for (const relative of files) {
    const file = path.join(root, folder, relative);
    const options = (await prettier.resolveConfig(file)) ?? {};
    const source = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, await prettier.format(source, { ...options, filepath: file }));
  }
  return true;
}

function nextCommands(packageName) {
  return [
    'node common/scripts/install-run-rush.js update',
    `node common/scripts/install-run-rush.js test --to ${packageName}`
  ];
}

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag !== '--name' && flag !== '--schema') throw new NewLambdaError(`unknown option ${flag}`);
    if (value === undefined) throw new NewLambdaError(`${flag} needs a value`);
    args[flag.slice(2)] = value;
    i++;
  }
  return args;
}

async function main(argv, root = path.resolve(__dirname, '..', '..')) {
  try {
    const args = parseArgs(argv);
    const created = newLambda({ root, name: args.name, schema: args.schema });
    console.log(
      `Created ${created.folder} (${created.packageName}, ${created.files.length} files) from ${TEMPLATE_FOLDER}.`
    );
    if (!(await formatSources(root, created.folder))) {
      console.log('Prettier is not installed yet: run `rush install`, then `rush prettier` before building.');
    }
    console.log(
      `Registered it in rush.json and terraform/package.json; its Terraform root module is ${created.folder}/terraform.`
    );
    console.log(
      `Next: install, then build and test it:\n  ${nextCommands(created.packageName).join('\n  ')}`
    );
    console.log(`Then read ${created.folder}/README.md: what to change for your data.`);
    return 0;
  } catch (error) {
    if (!(error instanceof NewLambdaError)) throw error;
    console.error(`new-lambda: ${error.message}\nNothing was changed.`);
    return 1;
  }
}

module.exports = { newLambda, main, nextCommands, LEFTOVER_PATTERN, NewLambdaError };

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(2);
    }
  );
}
