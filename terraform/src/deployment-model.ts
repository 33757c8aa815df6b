import { BoundScope, evaluateHclValue } from './expression-evaluator';
import type { ModuleInstance } from './module-instance';
import type { Body } from './terraform-module';
import { Encoded, Unknown, type Value, isObject } from './terraform-value';

// Navigation over an instantiated configuration: resources by type, and the resource a
// known-after-apply value (an ARN, a name) comes from.

/** A resource or data source block inside one module instance. */
export interface ResourceInstance {
  readonly instance: ModuleInstance;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly body: Body;
}

/** `module.x.aws_type.name` */
export function resourceAddress(resource: ResourceInstance): string {
  const prefix = resource.instance.address ? `${resource.instance.address}.` : '';
  return `${prefix}${resource.mode === 'data' ? 'data.' : ''}${resource.type}.${resource.name}`;
}

/** Every resource of a type in the instance tree below (and including) `root`. */
export async function resourcesOfType(
  root: ModuleInstance,
  type: string,
  mode: 'managed' | 'data' = 'managed'
): Promise<ResourceInstance[]> {
  const instances = await root.allInstances();
  return instances.flatMap((instance) => {
    const bodies = (mode === 'managed' ? instance.module.resources : instance.module.dataSources)[type] ?? {};
    return Object.entries(bodies).map(([name, body]) => ({ instance, mode, type, name, body }));
  });
}

/** A configured attribute of the resource (Unknown when computed by the provider). */
export function attributeOf(resource: ResourceInstance, attribute: string): Promise<Value> {
  return resource.instance.resourceAttribute(resource.mode, resource.type, resource.name, attribute);
}

/** The resource an unknown value (e.g. `aws_sqs_queue.this.arn`) is an attribute of. */
export async function originOf(root: ModuleInstance, value: Value): Promise<ResourceInstance | undefined> {
  if (!(value instanceof Unknown) || !value.origin) return undefined;
  const { module, mode, type, name } = value.origin;
  const instance = (await root.allInstances()).find((candidate) => candidate.address === module);
  const body =
    instance && (mode === 'managed' ? instance.module.resources : instance.module.dataSources)[type]?.[name];
  return instance && body ? { instance, mode, type, name, body } : undefined;
}

/** How many instances a resource has (`count`), 1 when not counted. */
export async function instanceCount(resource: ResourceInstance): Promise<Value> {
  return 'count' in resource.body ? resource.instance.evaluate(resource.body.count) : 1;
}

/** The structure behind a jsonencode() result (a JSON string, or Encoded when it holds unknowns). */
export function decodeJson(value: Value): Value {
  if (value instanceof Encoded) return value.value;
  if (typeof value === 'string') return JSON.parse(value) as Value;
  return value;
}

/** A nested block's first body (`tracing_config { }` => its attributes), or undefined. */
export function firstBlock(value: Value | undefined): { [key: string]: Value } | undefined {
  const block = Array.isArray(value) ? value[0] : undefined;
  return block !== undefined && isObject(block) ? block : undefined;
}

/** Evaluates the nested blocks `blockType` of a body, expanding `dynamic "<blockType>"` blocks. */
export async function expandBlocks(
  instance: ModuleInstance,
  body: Body,
  blockType: string
): Promise<Value[]> {
  const blocks = (await instance.evaluate(body[blockType] ?? [])) as Value[];
  const dynamics = ((body.dynamic as Record<string, Body[]> | undefined)?.[blockType] ?? []) as Body[];
  for (const dynamic of dynamics) {
    const collection = await instance.evaluate(dynamic.for_each);
    if (collection instanceof Unknown)
      throw new Error(`dynamic "${blockType}" for_each is unknown before apply`);
    const iterator = typeof dynamic.iterator === 'string' ? dynamic.iterator : blockType;
    const entries: [Value, Value][] = Array.isArray(collection)
      ? collection.map((item, i) => [i, item])
      : Object.entries(collection as Record<string, Value>);
    for (const [key, value] of entries) {
      const scope = new BoundScope(instance, { [iterator]: { key, value } });
      blocks.push(await evaluateHclValue((dynamic.content as Body[])[0], scope));
    }
  }
  return blocks;
}
