import type { ModuleInstance } from './module-instance';
import type { Body } from './terraform-module';
import { TerraformError, Unknown } from './terraform-value';

/**
 * Evaluates every `validation` block of every module instance in the tree, as `terraform plan`
 * would with these inputs. Returns one message per failed (or erroring) condition; conditions
 * that depend on values known only after apply are skipped, as Terraform defers them.
 */
export async function failedValidations(root: ModuleInstance): Promise<string[]> {
  const failures: string[] = [];
  for (const instance of await root.allInstances()) {
    for (const [name, declaration] of Object.entries(instance.module.variables)) {
      const validations = (declaration.validation ?? []) as Body[];
      if (validations.length === 0) continue;
      const where = `${instance.describe()} var.${name}`;
      let value;
      try {
        value = await instance.variable(name);
      } catch (error) {
        failures.push(`${where}: ${(error as Error).message}`);
        continue;
      }
      if (value instanceof Unknown) continue;
      for (const validation of validations) {
        try {
          const result = await instance.evaluate(validation.condition);
          if (result instanceof Unknown) continue;
          if (result !== true)
            failures.push(`${where} = ${JSON.stringify(value)}: ${String(validation.error_message)}`);
        } catch (error) {
          if (!(error instanceof TerraformError)) throw error;
          failures.push(`${where}: condition errors: ${error.message}`);
        }
      }
    }
  }
  return failures;
}
