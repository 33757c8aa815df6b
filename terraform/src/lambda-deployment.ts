import {
  type ResourceInstance,
  attributeOf,
  decodeJson,
  firstBlock,
  originOf,
  resourcesOfType
} from './deployment-model';
import type { ModuleInstance } from './module-instance';
import { type Value, isObject } from './terraform-value';

// The lambdas of an instantiated root module and what feeds them, as tests need them.

export interface LambdaDeployment {
  readonly function: ResourceInstance;
  readonly functionName: Value;
  readonly timeoutSeconds: Value;
  /** The `environment { variables = ... }` map, or undefined when the function has none. */
  readonly environment: { readonly [name: string]: Value } | undefined;
}

// Provider defaults of aws_lambda_function / aws_sqs_queue when the attribute is not set.
const DEFAULT_LAMBDA_TIMEOUT_SECONDS = 3;
export const DEFAULT_VISIBILITY_TIMEOUT_SECONDS = 30;

export async function findLambdaDeployments(root: ModuleInstance): Promise<LambdaDeployment[]> {
  const functions = await resourcesOfType(root, 'aws_lambda_function');
  return Promise.all(
    functions.map(async (resource) => {
      const timeout =
        'timeout' in resource.body ? await attributeOf(resource, 'timeout') : DEFAULT_LAMBDA_TIMEOUT_SECONDS;
      const variables = firstBlock(await attributeOf(resource, 'environment'))?.variables;
      return {
        function: resource,
        functionName: await attributeOf(resource, 'function_name'),
        timeoutSeconds: timeout,
        environment: variables !== undefined && isObject(variables) ? variables : undefined
      };
    })
  );
}

/** An SQS event source mapping with the queue and function it connects. */
export interface QueueTrigger {
  readonly mapping: ResourceInstance;
  readonly queue: ResourceInstance | undefined;
  readonly lambda: LambdaDeployment | undefined;
  /** The queue's dead-letter queue (from its redrive policy). */
  readonly deadLetterQueue: ResourceInstance | undefined;
  readonly redrivePolicy: Value;
}

export async function findQueueTriggers(root: ModuleInstance): Promise<QueueTrigger[]> {
  const lambdas = await findLambdaDeployments(root);
  const mappings = await resourcesOfType(root, 'aws_lambda_event_source_mapping');
  return Promise.all(
    mappings.map(async (mapping) => {
      const queue = await originOf(root, await attributeOf(mapping, 'event_source_arn'));
      const functionName = await attributeOf(mapping, 'function_name');
      const redrivePolicy =
        queue && 'redrive_policy' in queue.body
          ? decodeJson(await attributeOf(queue, 'redrive_policy'))
          : null;
      const deadLetterQueue = isObject(redrivePolicy)
        ? await originOf(root, redrivePolicy.deadLetterTargetArn)
        : undefined;
      return {
        mapping,
        queue: queue?.type === 'aws_sqs_queue' ? queue : undefined,
        lambda: lambdas.find(
          (lambda) => typeof functionName === 'string' && lambda.functionName === functionName
        ),
        deadLetterQueue,
        redrivePolicy
      };
    })
  );
}

/** Whether two resource instances are the same block of the same module instance. */
export function sameResource(a: ResourceInstance | undefined, b: ResourceInstance | undefined): boolean {
  return (
    a !== undefined &&
    b !== undefined &&
    a.instance.address === b.instance.address &&
    a.mode === b.mode &&
    a.type === b.type &&
    a.name === b.name
  );
}
