'use strict';
// Heft run-script task (runs before TypeScript): for every schema in definitions/
//   1. fails the build on an incompatible edit or a keyword the check does not model (tools/compatibility.js),
//   2. writes src/generated/<name>.types.ts (json-schema-to-typescript),
//   3. writes src/generated/<name>.validator.ts: a standalone, precompiled Ajv validator,
//   4. writes src/generated/<name>.schema.ts: the schema itself, for error messages,
//   5. writes src/generated/<name>.table.ts: its parquet table definition (tools/table-mapping.js);
//      a property the mapping cannot handle fails the build, naming the schema, the property and the rule,
//   6. writes src/generated/<name>.example.ts: the first of the schema's `examples` (required),
//   7. writes src/generated/index.ts: for every schema its type, `<Title>Row`, `<camel>Schema`,
//      `<camel>Table`, `validate<Title>` and `<CONSTANT>_EXAMPLE`, and the maps `tables`, `validators`
//      and `examples` by schema name: a new schema file is usable with no hand edits.
// Generated files are not committed (.gitignore).
const fs = require('node:fs');
const path = require('node:path');
const standaloneCode = require('ajv/dist/standalone').default;
const { createAjv } = require('./tools/ajv-factory');
const { checkEvolution } = require('./tools/compatibility');
const { ROOT, DEFINITIONS, SNAPSHOTS, loadSchemas, loadSnapshots } = require('./tools/schema-files');
const { tablesFromSchemas } = require('./tools/table-mapping');

const OUT = path.join(ROOT, 'src', 'generated');
const HEADER = '// GENERATED from schemas/definitions by scripts/generate.js: do not edit.\n';

function writeIfChanged(file, content) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content);
}

/** The TypeScript type of each column type's values in the checkpoint engine (TableRow). */
const ROW_VALUE_TYPES = {
  string: 'string',
  date: 'number',
  timestamp: 'bigint',
  int32: 'number',
  int64: 'bigint',
  double: 'number',
  boolean: 'boolean',
  json: 'unknown'
};

/** `<Title>Row`: one row of the schema's table as the checkpoint engine reads it back. */
function rowType(title, table) {
  const fields = table.columns.map(
    (column) =>
      `  ${column.name}: ${ROW_VALUE_TYPES[column.type]}${column.repetition === 'OPTIONAL' && column.type !== 'json' ? ' | null' : ''};`
  );
  return (
    `${HEADER}\n/**\n * One row of the ${table.schema} table as the checkpoint engine reads it back: dates are days since\n` +
    ` * 1970-01-01, timestamps microseconds since the epoch (UTC), INT64 bigints, JSON values parsed.\n */\n` +
    `// A type, not an interface: rows must be assignable to the engine's Record<string, unknown>.\n` +
    `// eslint-disable-next-line @typescript-eslint/consistent-type-definitions\n` +
    `export type ${title}Row = {\n${fields.join('\n')}\n};\n`
  );
}

/** `lab-result` → `LAB_RESULT`: the prefix of the schema's `<CONSTANT>_EXAMPLE`. */
const constantName = (name) => name.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
const camelName = (title) => `${title[0].toLowerCase()}${title.slice(1)}`;

/** The schema's first example: every generated lambda's tests and local run start from it. */
function exampleOf(name, schema) {
  if (
    !Array.isArray(schema.examples) ||
    schema.examples.length === 0 ||
    typeof schema.examples[0] !== 'object'
  ) {
    throw new Error(
      `${name}: add "examples": [ { …one valid record… } ] to definitions/${name}.schema.json ` +
        '(its first element becomes the exported example that generated lambdas test with)'
    );
  }
  return schema.examples[0];
}

/**
 * @param {{definitions?: string, snapshots?: string, out?: string}} [dirs] folders (default: this package's)
 * @returns {Promise<number>} how many schemas were generated
 */
async function generate({ definitions = DEFINITIONS, snapshots = SNAPSHOTS, out = OUT } = {}) {
  const schemas = loadSchemas(definitions);
  const problems = schemas.flatMap(({ name, schema }) =>
    checkEvolution(name, schema, loadSnapshots(name, snapshots))
  );
  if (problems.length > 0) {
    throw new Error(
      `Schema evolution check failed (see schemas/README.md, "Evolution"):\n  - ${problems.join('\n  - ')}`
    );
  }

  // Every table first, so that one build names every schema the mapping refuses.
  const tables = tablesFromSchemas(schemas);
  // Loaded once the checks pass: it loads Prettier, whose dynamic import Jest's VM refuses (the checks are tested there).
  const { compile } = require('json-schema-to-typescript');

  fs.mkdirSync(out, { recursive: true });
  const index = [HEADER, "import { createValidator } from '../validator';"];
  for (const { name, schema } of schemas) {
    const title = schema.title;
    const camel = camelName(title);
    const example = exampleOf(name, schema);
    const types = await compile(schema, title, {
      bannerComment: HEADER,
      additionalProperties: false,
      strictIndexSignatures: true,
      format: true
    });
    writeIfChanged(path.join(out, `${name}.types.ts`), types);

    const ajv = createAjv();
    const validate = ajv.compile(schema);
    writeIfChanged(
      path.join(out, `${name}.validator.ts`),
      `${HEADER}// @ts-nocheck\n${standaloneCode(ajv, validate)}\n`
    );
    writeIfChanged(
      path.join(out, `${name}.schema.ts`),
      `${HEADER}export const schema = ${JSON.stringify(schema, null, 2)} as const;\n`
    );
    writeIfChanged(path.join(out, `${name}.row.ts`), rowType(title, tables.get(name)));
    writeIfChanged(
      path.join(out, `${name}.table.ts`),
      `${HEADER}import type { TableDefinition } from '../table-definition';\n\n` +
        `export const table = ${JSON.stringify(tables.get(name), null, 2)} as const satisfies TableDefinition;\n`
    );
    writeIfChanged(
      path.join(out, `${name}.example.ts`),
      `${HEADER}import type { ${title} } from './${name}.types';\n\n` +
        `/** The first of the schema's \`examples\`: valid by construction (a test holds it). */\n` +
        `export const example: Readonly<${title}> = Object.freeze<${title}>(${JSON.stringify(example, null, 2)});\n`
    );
    index.push(
      `import type { ${title} } from './${name}.types';`,
      `export type { ${title} };`,
      `export type { ${title}Row } from './${name}.row';`,
      `import { validate as validate${title}Raw } from './${name}.validator';`,
      `export { validate${title}Raw };`,
      `import { schema as ${camel}Schema } from './${name}.schema';`,
      `export { ${camel}Schema };`,
      `import { table as ${camel}Table } from './${name}.table';`,
      `export { ${camel}Table };`,
      `import { example as ${constantName(name)}_EXAMPLE } from './${name}.example';`,
      `export { ${constantName(name)}_EXAMPLE };`,
      `/** Validates a ${title}: strings trimmed, defaults applied, every violation named. */`,
      `export const validate${title} = createValidator<${title}>(validate${title}Raw, ${camel}Schema);`,
      ''
    );
  }
  const byName = (value) =>
    `{\n${schemas.map(({ name, schema }) => `  ${JSON.stringify(name)}: ${value(name, schema.title)}`).join(',\n')}\n}`;
  index.push(
    '',
    '/** The table definition of every schema in definitions/, by schema name. */',
    `export const tables = ${byName((name, title) => `${camelName(title)}Table`)} as const;`,
    '/** The validator of every schema, by schema name. */',
    `export const validators = ${byName((name, title) => `validate${title}`)} as const;`,
    '/** The example of every schema (the first of its `examples`), by schema name. */',
    `export const examples = ${byName((name) => `${constantName(name)}_EXAMPLE`)} as const;`
  );
  writeIfChanged(path.join(out, 'index.ts'), index.join('\n') + '\n');
  return schemas.length;
}

module.exports = { generate };

// Heft entry point.
module.exports.runAsync = async ({ heftTaskSession }) => {
  const count = await generate();
  heftTaskSession.logger.terminal.writeLine(`Generated types and validators for ${count} schemas`);
};
