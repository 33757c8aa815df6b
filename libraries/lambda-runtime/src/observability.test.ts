import { createObservability } from './observability';

describe('createObservability', () => {
  it('names logger, metrics and tracer after the service', () => {
    const { logger, metrics, tracer } = createObservability({
      serviceName: 'svc-a',
      namespace: 'Ns',
      logLevel: 'WARN'
    });
    expect(logger.getLevelName()).toBe('WARN');
    metrics.addMetric('Probe', 'Count', 1);
    const stored = metrics.serializeMetrics();
    expect(stored._aws.CloudWatchMetrics[0].Namespace).toBe('Ns');
    expect(stored._aws.CloudWatchMetrics[0].Dimensions[0]).toContain('service');
    expect(typeof tracer.isTracingEnabled()).toBe('boolean');
  });
});
