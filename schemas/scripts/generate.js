'use strict';
// Heft run-script task (runs before TypeScript): for every schema in definitions/
//   1. fails the build on an incompatible edit (see lib/compatibility.js),
//   2. writes src/generated/<name>.types.ts (json-schema-to-typescript),
//   3. writes src/generated/<name>.validator.ts: a standalone, precompiled Ajv validator,
//   4. writes src/generated/<name>.schema.ts: the schema itself, for error messages.
// Generated files are not committed (.gitignore).
const fs = require('node:fs');
const path = require('node:path');
const { compile } = require('json-schema-to-typescript');
const standaloneCode = require('ajv/dist/standalone').default;
const { createAjv } = require('./tools/ajv-factory');
const { checkEvolution } = require('./tools/compatibility');
const { ROOT, loadSchemas, loadSnapshots } = require('./tools/schema-files');

const OUT = path.join(ROOT, 'src', 'generated');
const HEADER = '// GENERATED from schemas/definitions by scripts/generate.js: do not edit.\n';

function writeIfChanged(file, content) {
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
  fs.writeFileSync(file, content);
}

async function generate() {
  const schemas = loadSchemas();
  const problems = schemas.flatMap(({ name, schema }) => checkEvolution(name, schema, loadSnapshots(name)));
  if (problems.length > 0) {
    throw new Error(`Schema evolution check failed:\n  - ${problems.join('\n  - ')}`);
  }

  fs.mkdirSync(OUT, { recursive: true });
  const index = [HEADER];
  for (const { name, schema } of schemas) {
    const title = schema.title;
    const types = await compile(schema, title, {
      bannerComment: HEADER,
      additionalProperties: false,
      strictIndexSignatures: true,
      format: true
    });
    writeIfChanged(path.join(OUT, `${name}.types.ts`), types);

    const ajv = createAjv();
    const validate = ajv.compile(schema);
    writeIfChanged(
      path.join(OUT, `${name}.validator.ts`),
      `${HEADER}// @ts-nocheck\n${standaloneCode(ajv, validate)}\n`
    );
    writeIfChanged(
      path.join(OUT, `${name}.schema.ts`),
      `${HEADER}export const schema = ${JSON.stringify(schema, null, 2)} as const;\n`
    );
    index.push(
      `export type { ${title} } from './${name}.types';`,
      `export { validate as validate${title}Raw } from './${name}.validator';`,
      `export { schema as ${title[0].toLowerCase()}${title.slice(1)}Schema } from './${name}.schema';`
    );
  }
  writeIfChanged(path.join(OUT, 'index.ts'), index.join('\n') + '\n');
  return schemas.length;
}

module.exports = { generate };

// Heft entry point.
module.exports.runAsync = async ({ heftTaskSession }) => {
  const count = await generate();
  heftTaskSession.logger.terminal.writeLine(`Generated types and validators for ${count} schemas`);
};
