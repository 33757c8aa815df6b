import * as fs from 'node:fs';
import * as path from 'node:path';

// Which data-source-config schema describes a lambda's environment. Lookup order:
//  1. an entry of DATA_SOURCE_CONFIG_SCHEMAS (app folder name => schema path from the repo root);
//  2. the convention apps/<app>/data-source-config.schema.json.
// A lambda root module with neither fails the contract test, naming both options.
export const DATA_SOURCE_CONFIG_SCHEMAS: Readonly<Record<string, string>> = {
  'event-log-checkpoint': 'schemas/definitions/data-source-config.schema.json',
  'redcap-report': 'schemas/definitions/redcap-report-config.schema.json'
};

export const conventionalSchemaPath = (app: string): string => `apps/${app}/data-source-config.schema.json`;

/** Absolute path of the app's data-source-config schema, or undefined when there is none. */
export function findDataSourceConfigSchema(repoRoot: string, app: string): string | undefined {
  const candidates = [DATA_SOURCE_CONFIG_SCHEMAS[app], conventionalSchemaPath(app)].filter(
    (candidate): candidate is string => candidate !== undefined
  );
  return candidates.map((candidate) => path.join(repoRoot, candidate)).find((file) => fs.existsSync(file));
}
