import * as fs from 'node:fs';
import Ajv from 'ajv';
import {
  DATA_SOURCE_CONFIG_SCHEMAS,
  conventionalSchemaPath,
  findDataSourceConfigSchema
} from './data-source-config-schemas';
import { findLambdaDeployments } from './lambda-deployment';
import { ENVIRONMENT_CASES, REPO_ROOT, instantiate, relative, terraformRepo } from './testing/fixtures';
import { Unknown } from './terraform-value';

interface JsonSchema {
  readonly properties: Readonly<Record<string, { readonly type?: unknown }>>;
  readonly required?: readonly string[];
}

function loadSchema(app: string): { file: string; schema: JsonSchema } {
  const file = findDataSourceConfigSchema(REPO_ROOT, app);
  if (!file) {
    throw new Error(
      `No data-source-config schema for app "${app}": add it to DATA_SOURCE_CONFIG_SCHEMAS ` +
        `(terraform/src/data-source-config-schemas.ts) or create ${conventionalSchemaPath(app)}`
    );
  }
  return { file, schema: JSON.parse(fs.readFileSync(file, 'utf8')) as JsonSchema };
}

describe('data-source-config schema lookup', () => {
  it('maps every entry to an existing schema file', () => {
    for (const [app, file] of Object.entries(DATA_SOURCE_CONFIG_SCHEMAS)) {
      expect(findDataSourceConfigSchema(REPO_ROOT, app)).toBe(`${REPO_ROOT}/${file}`);
    }
  });

  it('finds nothing for an app with neither a mapping nor a conventional schema', () => {
    expect(findDataSourceConfigSchema(REPO_ROOT, 'no-such-app')).toBeUndefined();
    expect(() => loadSchema('no-such-app')).toThrow(/DATA_SOURCE_CONFIG_SCHEMAS/);
  });
});

describe("each lambda's environment variable names are exactly its data-source-config schema's properties", () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, rootModule } = await instantiate(folder, environment);
    const { file, schema } = loadSchema(rootModule.app);
    const lambdas = await findLambdaDeployments(root);
    expect(lambdas.length).toBeGreaterThan(0);
    for (const lambda of lambdas) {
      const names = Object.keys(lambda.environment ?? {});
      const properties = Object.keys(schema.properties);
      const where = `${String(lambda.functionName)} vs ${relative(file)}`;
      expect({ where, notInSchema: names.filter((name) => !properties.includes(name)) }).toEqual({
        where,
        notInSchema: []
      });
      expect({ where, notSet: properties.filter((name) => !names.includes(name)) }).toEqual({
        where,
        notSet: []
      });
    }
  });
});

describe("each lambda's environment values are known at plan time and valid against its schema", () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, rootModule } = await instantiate(folder, environment);
    const { schema } = loadSchema(rootModule.app);
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const lambda of await findLambdaDeployments(root)) {
      const values = lambda.environment ?? {};
      const unknown = Object.entries(values)
        .filter(([, value]) => value instanceof Unknown)
        .map(([name, value]) => `${name} ${(value as Unknown).describe()}`);
      expect(unknown).toEqual([]);
      // Environment variables are strings: an array or object property is its JSON text (the
      // app parses it before validating, e.g. REPORTS of redcap-report-config).
      const decoded = Object.fromEntries(
        Object.entries(values).map(([name, value]) => {
          const type = schema.properties[name]?.type;
          const structured = (type === 'array' || type === 'object') && typeof value === 'string';
          return [name, structured ? (JSON.parse(value) as unknown) : value];
        })
      );
      validate(decoded);
      expect(validate.errors ?? []).toEqual([]);
    }
  });
});

describe('every app root module has a schema', () => {
  it('resolves for each root module that deploys a lambda', async () => {
    const repo = await terraformRepo();
    const withLambdas = repo.rootModules.filter((rootModule) => rootModule.environments.length > 0);
    expect(
      withLambdas.map((rootModule) => findDataSourceConfigSchema(REPO_ROOT, rootModule.app))
    ).not.toContain(undefined);
  });
});
