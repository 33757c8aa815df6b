import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataSourceConfigSchema } from '@reporting/schemas';

describe('data-source-config.schema.json', () => {
  // Terraform's contract test reads this file (apps/<app>/data-source-config.schema.json) to check the
  // function's environment; the code validates with the shared schema. They must be the same.
  it('is the shared data-source-config schema the runtime validates the environment with', () => {
    const file = path.join(__dirname, '..', 'data-source-config.schema.json');
    const local = JSON.parse(fs.readFileSync(file, 'utf8')) as typeof dataSourceConfigSchema;
    expect(local.properties).toEqual(dataSourceConfigSchema.properties);
    expect(local.required).toEqual(dataSourceConfigSchema.required);
  });
});
