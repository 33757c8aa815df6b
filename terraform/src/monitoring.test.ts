import { attributeOf, resourcesOfType } from './deployment-model';
import { findLambdaDeployments, findQueueTriggers } from './lambda-deployment';
import { S3_LAMBDA_CASES, instantiate } from './testing/fixtures';
import type { Value } from './terraform-value';

describe('each lambda has alarms on errors, throttles, DLQ depth, queue age and EventsFailed', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const alarms = await Promise.all(
      (await resourcesOfType(root, 'aws_cloudwatch_metric_alarm')).map(async (alarm) => ({
        namespace: await attributeOf(alarm, 'namespace'),
        metric: await attributeOf(alarm, 'metric_name'),
        dimensions: await attributeOf(alarm, 'dimensions')
      }))
    );
    const has = (namespace: Value, metric: string, dimensions: Record<string, Value>): boolean =>
      alarms.some(
        (alarm) =>
          alarm.namespace === namespace &&
          alarm.metric === metric &&
          JSON.stringify(alarm.dimensions) === JSON.stringify(dimensions)
      );
    for (const trigger of await findQueueTriggers(root)) {
      const lambda = trigger.lambda!;
      const env = lambda.environment ?? {};
      const queueName = await attributeOf(trigger.queue!, 'name');
      const dlqName = await attributeOf(trigger.deadLetterQueue!, 'name');
      const missing = [
        ['Errors', has('AWS/Lambda', 'Errors', { FunctionName: lambda.functionName })],
        ['Throttles', has('AWS/Lambda', 'Throttles', { FunctionName: lambda.functionName })],
        ['DLQ depth', has('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: dlqName })],
        ['queue age', has('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: queueName })],
        [
          'EventsFailed in POWERTOOLS_METRICS_NAMESPACE, service POWERTOOLS_SERVICE_NAME',
          has(env.POWERTOOLS_METRICS_NAMESPACE, 'EventsFailed', { service: env.POWERTOOLS_SERVICE_NAME })
        ]
      ]
        .filter(([, found]) => !found)
        .map(([name]) => name);
      expect(missing).toEqual([]);
    }
  });
});

// SELECT SUM(CheckpointSaveFailures) FROM SCHEMA("<namespace>", Datatype, Study, service) WHERE service = '<service>'
const INSIGHTS_QUERY = /^SELECT SUM\((\w+)\) FROM SCHEMA\("([^"]+)"((?:, \w+)*)\) WHERE service = '([^']+)'$/;

describe('each lambda has an alarm on CheckpointSaveFailures summed over every Study/Datatype', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const queries = [];
    for (const alarm of await resourcesOfType(root, 'aws_cloudwatch_metric_alarm')) {
      const blocks = 'metric_query' in alarm.body ? await attributeOf(alarm, 'metric_query') : [];
      for (const block of Array.isArray(blocks) ? blocks : []) {
        const query = block as Record<string, Value>;
        const match = INSIGHTS_QUERY.exec(String(query.expression));
        if (match && query.return_data === true)
          queries.push({
            metric: match[1],
            namespace: match[2],
            schema: match[3].split(', ').filter(Boolean),
            service: match[4],
            fires: `${String(await attributeOf(alarm, 'comparison_operator'))} ${String(await attributeOf(alarm, 'threshold'))}`
          });
      }
    }
    for (const lambda of await findLambdaDeployments(root)) {
      const env = lambda.environment ?? {};
      expect(queries).toContainEqual({
        metric: 'CheckpointSaveFailures',
        namespace: env.POWERTOOLS_METRICS_NAMESPACE,
        schema: ['Datatype', 'Study', 'service'],
        service: env.POWERTOOLS_SERVICE_NAME,
        fires: 'GreaterThanOrEqualToThreshold 1'
      });
    }
  });
});
