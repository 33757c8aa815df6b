import { ENVIRONMENT_CASES, instantiate, terraformRepo } from './testing/fixtures';
import { failedValidations } from './variable-validations';

describe('every tfvars file passes every variable validation of its root module and the modules it calls', () => {
  it.each(ENVIRONMENT_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    expect(await failedValidations(root)).toEqual([]);
  });
});

describe('failedValidations', () => {
  it('reports a value a validation rejects, with its error message', async () => {
    const { rootModule, environment } = await instantiate(
      ENVIRONMENT_CASES[0].folder,
      ENVIRONMENT_CASES[0].environment
    );
    const repo = await terraformRepo();
    const broken = repo.instantiate(rootModule, {
      ...environment,
      values: { ...environment.values, log_level: 'debug', timeout_seconds: 901 }
    });
    const failures = await failedValidations(broken);
    expect(failures).toEqual(
      expect.arrayContaining([
        expect.stringContaining('var.log_level = "debug": log_level must be DEBUG, INFO, WARN or ERROR.'),
        expect.stringContaining(
          'var.timeout_seconds = 901: timeout_seconds must be a whole number from 1 to 900.'
        )
      ])
    );
  });

  it('reports a required variable that is not set', async () => {
    const { rootModule, environment } = await instantiate(
      ENVIRONMENT_CASES[0].folder,
      ENVIRONMENT_CASES[0].environment
    );
    const repo = await terraformRepo();
    const values = { ...environment.values };
    delete values.source_prefix;
    const failures = await failedValidations(repo.instantiate(rootModule, { ...environment, values }));
    expect(failures).toEqual(
      expect.arrayContaining([expect.stringContaining('variable "source_prefix" is required')])
    );
  });

  it("reports checkpoints keyed by other placeholders than the table's", async () => {
    const { rootModule, environment } = await instantiate(
      ENVIRONMENT_CASES[0].folder,
      ENVIRONMENT_CASES[0].environment
    );
    const repo = await terraformRepo();
    const broken = repo.instantiate(rootModule, {
      ...environment,
      values: { ...environment.values, checkpoint_tables: [{ adcid: '44', assay: 'ptau217' }] }
    });
    expect(await failedValidations(broken)).toEqual(
      expect.arrayContaining([
        expect.stringContaining("Each checkpoint_tables entry must give exactly the table's key placeholders")
      ])
    );
  });
});
