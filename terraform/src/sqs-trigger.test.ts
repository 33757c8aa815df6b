import {
  attributeOf,
  decodeJson,
  firstBlock,
  instanceCount,
  originOf,
  resourcesOfType
} from './deployment-model';
import { evaluatePolicyDocument } from './iam-policy';
import {
  DEFAULT_VISIBILITY_TIMEOUT_SECONDS,
  type QueueTrigger,
  findQueueTriggers,
  sameResource
} from './lambda-deployment';
import type { ModuleInstance } from './module-instance';
import { S3_LAMBDA_CASES, instantiate } from './testing/fixtures';
import { type Value, isObject } from './terraform-value';

const MAX_RETENTION_SECONDS = 1209600;
const DEFAULT_RETENTION_SECONDS = 345600;

async function numberAttribute(
  resource: QueueTrigger['mapping'],
  name: string,
  fallback: number
): Promise<Value> {
  return name in resource.body ? attributeOf(resource, name) : fallback;
}

async function triggersOf(
  folder: string,
  environment: string
): Promise<{ root: ModuleInstance; triggers: QueueTrigger[] }> {
  const { root } = await instantiate(folder, environment);
  const triggers = await findQueueTriggers(root);
  expect(triggers.length).toBeGreaterThan(0);
  return { root, triggers };
}

describe('queue visibility timeout is at least 6x the function timeout (plus the batching window)', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    for (const trigger of (await triggersOf(folder, environment)).triggers) {
      expect(trigger.lambda).toBeDefined();
      expect(trigger.queue).toBeDefined();
      const visibility = await numberAttribute(
        trigger.queue!,
        'visibility_timeout_seconds',
        DEFAULT_VISIBILITY_TIMEOUT_SECONDS
      );
      const window = await numberAttribute(trigger.mapping, 'maximum_batching_window_in_seconds', 0);
      const timeout = trigger.lambda!.timeoutSeconds;
      expect(typeof visibility).toBe('number');
      expect(typeof timeout).toBe('number');
      expect(visibility).toBeGreaterThanOrEqual(6 * (timeout as number) + (window as number));
    }
  });
});

describe('each trigger queue has a dead-letter queue, a redrive policy and server-side encryption', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    for (const trigger of (await triggersOf(folder, environment)).triggers) {
      const queue = trigger.queue!;
      const redrive = trigger.redrivePolicy;
      expect(isObject(redrive) ? redrive.maxReceiveCount : undefined).toEqual(expect.any(Number));
      expect(trigger.deadLetterQueue?.type).toBe('aws_sqs_queue');
      expect(sameResource(trigger.deadLetterQueue, queue)).toBe(false);
      const dlq = trigger.deadLetterQueue!;
      // Messages must outlive their retries: the DLQ keeps them at least as long as the queue.
      const queueRetention = await numberAttribute(
        queue,
        'message_retention_seconds',
        DEFAULT_RETENTION_SECONDS
      );
      const dlqRetention = await numberAttribute(dlq, 'message_retention_seconds', DEFAULT_RETENTION_SECONDS);
      expect(dlqRetention).toBeGreaterThanOrEqual(queueRetention as number);
      expect(dlqRetention).toBeLessThanOrEqual(MAX_RETENTION_SECONDS);
      for (const encrypted of [queue, dlq]) {
        const managed =
          'sqs_managed_sse_enabled' in encrypted.body
            ? await attributeOf(encrypted, 'sqs_managed_sse_enabled')
            : false;
        const kms = 'kms_master_key_id' in encrypted.body;
        expect(managed === true || kms).toBe(true);
      }
    }
  });
});

describe('each event source mapping reports batch item failures and sets batching and maximum concurrency', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    for (const { mapping } of (await triggersOf(folder, environment)).triggers) {
      expect(await attributeOf(mapping, 'function_response_types')).toEqual(['ReportBatchItemFailures']);
      expect(await attributeOf(mapping, 'batch_size')).toEqual(expect.any(Number));
      expect(await attributeOf(mapping, 'maximum_batching_window_in_seconds')).toEqual(expect.any(Number));
      const scaling = firstBlock(await attributeOf(mapping, 'scaling_config'));
      expect(scaling?.maximum_concurrency).toBeGreaterThanOrEqual(2);
    }
  });
});

describe('reserved concurrency, when set, is at least the maximum concurrency of the trigger', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    for (const { mapping, lambda } of (await triggersOf(folder, environment)).triggers) {
      const reserved = await attributeOf(lambda!.function, 'reserved_concurrent_executions');
      const scaling = firstBlock(await attributeOf(mapping, 'scaling_config'));
      if (typeof reserved === 'number' && reserved >= 0) {
        expect(reserved).toBeGreaterThanOrEqual(scaling?.maximum_concurrency as number);
      }
    }
  });
});

describe('each trigger queue accepts messages only from its bucket, which notifies it for the event prefix and the suffix its lambda reads', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root, triggers } = await triggersOf(folder, environment);
    const notifications = await resourcesOfType(root, 'aws_s3_bucket_notification');
    const policies = await resourcesOfType(root, 'aws_sqs_queue_policy');
    for (const trigger of triggers) {
      const env = trigger.lambda!.environment ?? {};
      const bucketArn = `arn:aws:s3:::${String(env.SOURCE_BUCKET)}`;

      // Exactly one notification targets the queue; it may be switched off (count = 0) when
      // another stack owns the bucket's notification configuration (then it is not checked here).
      const notified = [];
      for (const notification of notifications) {
        for (const queue of (await attributeOf(notification, 'queue')) as Value[]) {
          if (isObject(queue) && sameResource(await originOf(root, queue.queue_arn), trigger.queue)) {
            const enabled = (await instanceCount(notification)) !== 0;
            notified.push({ enabled, bucket: await attributeOf(notification, 'bucket'), queue });
          }
        }
      }
      expect(notified).toHaveLength(1);
      if (notified[0].enabled) {
        expect(notified[0].bucket).toBe(env.SOURCE_BUCKET);
        expect(notified[0].queue.filter_prefix).toBe(env.SOURCE_PREFIX);
        // The event log's producers write one JSON object per file; the template (and every lambda
        // generated from it) reads .json, .ndjson, .jsonl and .csv files by extension: every key.
        const suffix = folder === 'apps/event-log-checkpoint/terraform' ? '.json' : '';
        expect({ folder, suffix: notified[0].queue.filter_suffix }).toEqual({ folder, suffix });
        expect(notified[0].queue.events).toEqual(['s3:ObjectCreated:*']);
      }

      const queuePolicies = [];
      for (const policy of policies) {
        if (sameResource(await originOf(root, await attributeOf(policy, 'queue_url')), trigger.queue)) {
          queuePolicies.push(policy);
        }
      }
      expect(queuePolicies).toHaveLength(1);
      const document = await originOf(root, await attributeOf(queuePolicies[0], 'policy'));
      const allows = (await evaluatePolicyDocument(document!)).filter(
        (statement) => statement.effect === 'Allow'
      );
      expect(allows.map((statement) => statement.actions)).toEqual([['sqs:SendMessage']]);
      expect(allows[0].principals).toEqual([{ type: 'Service', identifiers: ['s3.amazonaws.com'] }]);
      expect(allows[0].conditions).toEqual(
        expect.arrayContaining([{ test: 'ArnEquals', variable: 'aws:SourceArn', values: [bucketArn] }])
      );
      // Only this queue may move messages into its dead-letter queue.
      const allowPolicies = [];
      for (const allow of await resourcesOfType(root, 'aws_sqs_queue_redrive_allow_policy')) {
        if (
          sameResource(await originOf(root, await attributeOf(allow, 'queue_url')), trigger.deadLetterQueue)
        ) {
          allowPolicies.push(decodeJson(await attributeOf(allow, 'redrive_allow_policy')));
        }
      }
      expect(allowPolicies).toHaveLength(1);
      const allowPolicy = allowPolicies[0];
      expect(isObject(allowPolicy) && allowPolicy.redrivePermission).toBe('byQueue');
      const sources =
        isObject(allowPolicy) && Array.isArray(allowPolicy.sourceQueueArns)
          ? allowPolicy.sourceQueueArns
          : [];
      expect(sources).toHaveLength(1);
      expect(sameResource(await originOf(root, sources[0]), trigger.queue)).toBe(true);
    }
  });
});
