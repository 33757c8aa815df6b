import { MODULE_FOLDERS, moduleAt, terraformRepo } from './testing/fixtures';
import * as path from 'node:path';

describe('every variable of every module has a type and a description', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    const problems = Object.entries(module.variables).flatMap(([name, body]) => [
      ...(typeof body.type === 'string' && body.type.length > 0 ? [] : [`variable "${name}" has no type`]),
      ...(typeof body.description === 'string' && body.description.trim().length > 0
        ? []
        : [`variable "${name}" has no description`])
    ]);
    expect(problems).toEqual([]);
  });
});

describe('every output of every module has a description', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const module = await moduleAt(folder);
    const undocumented = Object.entries(module.outputs)
      .filter(([, body]) => typeof body.description !== 'string' || body.description.trim() === '')
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });
});

describe('every module call passes declared variables and all required ones', () => {
  it.each(MODULE_FOLDERS)('%s', async (folder) => {
    const repo = await terraformRepo();
    const module = await moduleAt(folder);
    const problems: string[] = [];
    for (const [name, call] of Object.entries(module.modules)) {
      const child = await repo.loadModule(path.resolve(module.dir, String(call.source)));
      const passed = Object.keys(call).filter(
        (key) => !['source', 'version', 'count', 'for_each', 'providers', 'depends_on'].includes(key)
      );
      for (const input of passed.filter((input) => !(input in child.variables))) {
        problems.push(`module "${name}" passes undeclared variable "${input}"`);
      }
      for (const [variable, body] of Object.entries(child.variables)) {
        if (!('default' in body) && !passed.includes(variable)) {
          problems.push(`module "${name}" does not set required variable "${variable}"`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
