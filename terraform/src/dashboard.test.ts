import { attributeOf, decodeJson, resourcesOfType } from './deployment-model';
import { type DashboardMetric, dashboardMetrics } from './dashboard-model';
import { emittedMetricNames } from './emitted-metrics';
import { findQueueTriggers } from './lambda-deployment';
import type { ModuleInstance } from './module-instance';
import { S3_LAMBDA_CASES, instantiate } from './testing/fixtures';

async function allDashboardMetrics(root: ModuleInstance): Promise<DashboardMetric[]> {
  const dashboards = await resourcesOfType(root, 'aws_cloudwatch_dashboard');
  const bodies = await Promise.all(dashboards.map((d) => attributeOf(d, 'dashboard_body')));
  return bodies.flatMap((body) => dashboardMetrics(decodeJson(body)));
}

describe('each lambda has a dashboard: events by Study/Datatype, duration p50/p95, concurrency, queue age, DLQ, save failures, output size', () => {
  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const metrics = await allDashboardMetrics(root);
    const triggers = await findQueueTriggers(root);
    expect(triggers.length).toBeGreaterThan(0);
    for (const trigger of triggers) {
      const functionName = String(trigger.lambda!.functionName);
      const env = trigger.lambda!.environment ?? {};
      const namespace = String(env.POWERTOOLS_METRICS_NAMESPACE);
      const service = String(env.POWERTOOLS_SERVICE_NAME);
      const queueName = String(await attributeOf(trigger.queue!, 'name'));
      const dlqName = String(await attributeOf(trigger.deadLetterQueue!, 'name'));

      const single = (ns: string, name: string, dimensions: Record<string, string>, stat?: string): boolean =>
        metrics.some(
          (m) =>
            m.searchSchema === undefined &&
            m.namespace === ns &&
            m.metricName === name &&
            JSON.stringify(m.dimensions) === JSON.stringify(dimensions) &&
            (stat === undefined || m.stat === stat)
        );
      // A SEARCH over the function's custom metrics that keeps Study and Datatype apart.
      const byStudyAndDatatype = (name: string): boolean =>
        metrics.some(
          (m) =>
            m.searchSchema !== undefined &&
            m.namespace === namespace &&
            m.metricName === name &&
            ['Study', 'Datatype', 'service'].every((d) => m.searchSchema!.includes(d)) &&
            m.dimensions.service === service
        );

      const panels: [string, boolean][] = [
        ['EventsProcessed by Study/Datatype', byStudyAndDatatype('EventsProcessed')],
        ['EventsFailed by Study/Datatype', byStudyAndDatatype('EventsFailed')],
        ['EventsFailed of the service', single(namespace, 'EventsFailed', { service })],
        ['Duration p50', single('AWS/Lambda', 'Duration', { FunctionName: functionName }, 'p50')],
        ['Duration p95', single('AWS/Lambda', 'Duration', { FunctionName: functionName }, 'p95')],
        [
          'ConcurrentExecutions',
          single('AWS/Lambda', 'ConcurrentExecutions', { FunctionName: functionName })
        ],
        ['queue age', single('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: queueName })],
        ['DLQ depth', single('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: dlqName })],
        ['CheckpointSaveFailures by Study/Datatype', byStudyAndDatatype('CheckpointSaveFailures')],
        ['OutputFileSize by Study/Datatype', byStudyAndDatatype('OutputFileSize')]
      ];
      expect(panels.filter(([, found]) => !found).map(([name]) => name)).toEqual([]);
    }
  });
});

describe('every custom metric a dashboard or alarm reads is one the code emits (addMetric)', () => {
  const emitted = emittedMetricNames();

  it('the code emits the metrics the dashboards rely on', () => {
    for (const name of ['EventsProcessed', 'EventsFailed', 'CheckpointSaveFailures', 'OutputFileSize'])
      expect({ name, emitted: emitted.has(name) }).toEqual({ name, emitted: true });
  });

  it.each(S3_LAMBDA_CASES)('$folder $environment', async ({ folder, environment }) => {
    const { root } = await instantiate(folder, environment);
    const namespaces = new Set(
      (await findQueueTriggers(root)).map((t) => String(t.lambda!.environment?.POWERTOOLS_METRICS_NAMESPACE))
    );
    const read = (await allDashboardMetrics(root))
      .filter((m) => namespaces.has(m.namespace))
      .map((m) => m.metricName);
    for (const alarm of await resourcesOfType(root, 'aws_cloudwatch_metric_alarm')) {
      if ('metric_name' in alarm.body && namespaces.has(String(await attributeOf(alarm, 'namespace'))))
        read.push(String(await attributeOf(alarm, 'metric_name')));
      const queries = 'metric_query' in alarm.body ? await attributeOf(alarm, 'metric_query') : [];
      for (const query of Array.isArray(queries) ? queries : []) {
        const match = /^SELECT \w+\((\w+)\) FROM SCHEMA\("([^"]+)"/.exec(
          String((query as Record<string, unknown>).expression)
        );
        if (match && namespaces.has(match[2])) read.push(match[1]);
      }
    }
    expect(read.length).toBeGreaterThan(0);
    expect([...new Set(read)].filter((name) => !emitted.has(name))).toEqual([]);
  });
});
