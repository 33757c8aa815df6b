import * as path from 'node:path';
import { type Scope, type TraversalStep, applySteps, evaluateHclValue } from './expression-evaluator';
import type { Body, TerraformModule } from './terraform-module';
import {
  TerraformError,
  Unknown,
  UnsupportedExpressionError,
  type Value,
  toBool,
  toNumber,
  toText
} from './terraform-value';

/** What Terraform would learn from the provider before apply; fixed test values here. */
export const PLAN_TIME_FACTS: Readonly<Record<string, Value>> = {
  'aws_partition.partition': 'aws',
  'aws_region.name': 'us-west-2',
  'aws_caller_identity.account_id': '123456789012'
};

// Computed attributes that equal a configured one (so they are known at plan time).
const ATTRIBUTE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_s3_bucket: { id: 'bucket' }
};

const MODULE_META_ARGUMENTS: ReadonlySet<string> = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on'
]);

/** A module input: an expression of the calling module, or a literal (from a .tfvars file). */
export interface ModuleInput {
  readonly value: unknown;
  /** Scope the value is evaluated in; undefined for literals. */
  readonly scope?: Scope;
}

export type ModuleLoader = (dir: string) => Promise<TerraformModule>;

/**
 * A module with its inputs bound: the root module with one environment's .tfvars, or a module
 * call inside it. Resolves references the way Terraform does before apply.
 */
export class ModuleInstance implements Scope {
  private readonly cache: Map<string, Promise<Value>> = new Map();
  private readonly childCache: Map<string, Promise<ModuleInstance>> = new Map();

  public constructor(
    public readonly module: TerraformModule,
    /** '' for the root, e.g. `module.trigger` for a call. */
    public readonly address: string,
    private readonly inputs: Readonly<Record<string, ModuleInput>>,
    private readonly loadModule: ModuleLoader,
    private readonly rootDir: string = module.dir
  ) {}

  /** The root module with literal variable values (a parsed .tfvars file). */
  public static root(
    module: TerraformModule,
    variableValues: Readonly<Record<string, unknown>>,
    loadModule: ModuleLoader
  ): ModuleInstance {
    const inputs = Object.fromEntries(
      Object.entries(variableValues).map(([name, value]) => [name, { value }])
    );
    return new ModuleInstance(module, '', inputs, loadModule);
  }

  public hasInput(name: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.inputs, name);
  }

  /** Evaluates a configuration value (attribute, block) of this module. */
  public evaluate(value: unknown): Promise<Value> {
    return evaluateHclValue(value, this);
  }

  public variable(name: string): Promise<Value> {
    return this.memo(`var.${name}`, async () => {
      const declaration = this.module.variables[name];
      if (!declaration) throw new TerraformError(`${this.describe()}: undeclared variable "${name}"`);
      let value: Value;
      if (this.hasInput(name)) {
        const input = this.inputs[name];
        value = input.scope ? await evaluateHclValue(input.value, input.scope) : (input.value as Value);
        if (value === null && declaration.nullable === false && 'default' in declaration) {
          value = await this.evaluate(declaration.default);
        }
      } else if ('default' in declaration) {
        value = await this.evaluate(declaration.default);
      } else {
        throw new TerraformError(`${this.describe()}: variable "${name}" is required but not set`);
      }
      return convertPrimitive(value, declaration.type);
    });
  }

  public local(name: string): Promise<Value> {
    return this.memo(`local.${name}`, async () => {
      if (!(name in this.module.locals)) throw new TerraformError(`${this.describe()}: no local "${name}"`);
      return this.evaluate(this.module.locals[name]);
    });
  }

  public output(name: string): Promise<Value> {
    return this.memo(`output.${name}`, async () => {
      const output = this.module.outputs[name];
      if (!output) throw new TerraformError(`${this.describe()}: no output "${name}"`);
      return this.evaluate(output.value);
    });
  }

  /** The module call `name` of this module, with its inputs bound. */
  public child(name: string): Promise<ModuleInstance> {
    let cached = this.childCache.get(name);
    if (!cached) {
      cached = this.createChild(name);
      this.childCache.set(name, cached);
    }
    return cached;
  }

  /** This instance and every module instance below it. */
  public async allInstances(): Promise<ModuleInstance[]> {
    const children = await Promise.all(Object.keys(this.module.modules).map((name) => this.child(name)));
    const below = await Promise.all(children.map((child) => child.allInstances()));
    return [this, ...below.flat()];
  }

  /** A configured attribute of a resource (or data source) of this module; Unknown when computed. */
  public resourceAttribute(
    mode: 'managed' | 'data',
    type: string,
    name: string,
    attribute: string
  ): Promise<Value> {
    return this.memo(`${mode}.${type}.${name}.${attribute}`, async () => {
      const fact = mode === 'data' ? PLAN_TIME_FACTS[`${type}.${attribute}`] : undefined;
      if (fact !== undefined) return fact;
      const bodies = mode === 'data' ? this.module.dataSources : this.module.resources;
      const body: Body | undefined = bodies[type]?.[name];
      if (!body) throw new TerraformError(`${this.describe()}: no ${mode} resource ${type}.${name}`);
      const configured = ATTRIBUTE_ALIASES[type]?.[attribute] ?? attribute;
      if (configured in body) return this.evaluate(body[configured]);
      return new Unknown({ module: this.address, mode, type, name }, attribute);
    });
  }

  public async resolve(root: string, steps: readonly TraversalStep[]): Promise<Value> {
    const name = steps[0]?.key;
    switch (root) {
      case 'var':
        return applySteps(await this.variable(name), steps.slice(1));
      case 'local':
        return applySteps(await this.local(name), steps.slice(1));
      case 'module': {
        const child = await this.child(name);
        return applySteps(await child.output(steps[1].key), steps.slice(2));
      }
      case 'path':
        return name === 'module' ? this.module.dir : this.rootDir;
      case 'count':
      case 'each':
      case 'self':
      case 'terraform':
        return new Unknown(undefined, [root, ...steps.map((step) => step.key)].join('.'));
      case 'data':
        return this.resourceReference('data', name, steps.slice(1));
      default:
        return this.resourceReference('managed', root, steps);
    }
  }

  public describe(): string {
    return `${path.basename(this.module.dir)}${this.address ? ` (${this.address})` : ''}`;
  }

  private async resourceReference(
    mode: 'managed' | 'data',
    type: string,
    steps: readonly TraversalStep[]
  ): Promise<Value> {
    const name = steps[0].key;
    // Instances of a counted resource share its configuration: skip `[0]`.
    let rest = steps.slice(1);
    while (rest.length > 0 && rest[0].kind === 'index') rest = rest.slice(1);
    if (rest.length === 0) return new Unknown({ module: this.address, mode, type, name }, '*');
    const value = await this.resourceAttribute(mode, type, name, rest[0].key);
    return applySteps(value, rest.slice(1));
  }

  private async createChild(name: string): Promise<ModuleInstance> {
    const call = this.module.modules[name];
    if (!call) throw new TerraformError(`${this.describe()}: no module "${name}"`);
    const source = call.source;
    if (typeof source !== 'string' || !(source.startsWith('./') || source.startsWith('../'))) {
      throw new UnsupportedExpressionError(
        `${this.describe()}: module "${name}" source must be a local path`
      );
    }
    const module = await this.loadModule(path.resolve(this.module.dir, source));
    const inputs: Record<string, ModuleInput> = {};
    for (const [key, value] of Object.entries(call)) {
      if (!MODULE_META_ARGUMENTS.has(key)) inputs[key] = { value, scope: this };
    }
    const address = `${this.address ? `${this.address}.` : ''}module.${name}`;
    return new ModuleInstance(module, address, inputs, this.loadModule, this.rootDir);
  }

  private memo(key: string, compute: () => Promise<Value>): Promise<Value> {
    let cached = this.cache.get(key);
    if (!cached) {
      cached = compute();
      this.cache.set(key, cached);
    }
    return cached;
  }
}

/** Terraform's conversion of a value to a variable's primitive type. */
function convertPrimitive(value: Value, type: unknown): Value {
  if (value === null || value instanceof Unknown) return value;
  switch (type) {
    case '${string}':
      return toText(value);
    case '${number}':
      return toNumber(value);
    case '${bool}':
      return toBool(value);
    default:
      return value;
  }
}
