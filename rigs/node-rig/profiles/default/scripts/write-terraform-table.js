'use strict';
// Heft run-script task (after TypeScript): a lambda with a Terraform root module (terraform/*.tf)
// gets terraform/table-columns.json, the Glue view of the table its declaration exports
// (`recordLambda({ table, ... })` exported by the package's main): columns with Hive types, key
// placeholders, placeholder enum values (terraformTable of @reporting/schemas). The root reads it
// with jsondecode(file(...)). The file is committed (terraform validate/plan need no Node build); the
// build rewrites it when the table changed, and a contract test of @reporting/terraform-modules
// fails when the committed file differs from the table.
const path = require('node:path');
const fs = require('node:fs');
const prettier = require('prettier');

const FILE = path.join('terraform', 'table-columns.json');

const isDeclaration = (value) =>
  typeof value === 'object' &&
  value !== null &&
  typeof value.table === 'object' &&
  value.table !== null &&
  Array.isArray(value.table.columns) &&
  Array.isArray(value.table.keyPlaceholders);

module.exports.runAsync = async ({ heftConfiguration, heftTaskSession }) => {
  const root = heftConfiguration.buildFolderPath;
  const terraformDir = path.join(root, 'terraform');
  if (!fs.existsSync(terraformDir) || !fs.readdirSync(terraformDir).some((f) => f.endsWith('.tf'))) return;
  const { main } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const exported = require(path.join(root, main));
  const tables = [
    ...new Set(
      Object.values(exported)
        .filter(isDeclaration)
        .map((declaration) => declaration.table)
    )
  ];
  // A lambda whose table is not declared at build time (e.g. the REDCap report lambda: its columns come
  // from the data dictionary at run time) has no Glue view to write.
  if (tables.length === 0 && !fs.existsSync(path.join(root, FILE))) return;
  if (tables.length !== 1) {
    heftTaskSession.logger.emitError(
      new Error(
        `${main} must export one lambda declaration (recordLambda) to type ${FILE}; found ${tables.length} tables`
      )
    );
    return;
  }
  const { terraformTable } = require(require.resolve('@reporting/schemas', { paths: [root] }));
  const file = path.join(root, FILE);
  const options = (await prettier.resolveConfig(file)) ?? {};
  const text = await prettier.format(JSON.stringify(terraformTable(tables[0])), {
    ...options,
    filepath: file
  });
  if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === text) return;
  fs.writeFileSync(file, text);
  heftTaskSession.logger.terminal.writeLine(
    `Wrote ${FILE} (${tables[0].schema}): commit it with the table change.`
  );
};
