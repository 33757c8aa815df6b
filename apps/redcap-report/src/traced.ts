import type { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * Runs `work` in a Tracer subsegment named `name` (errors recorded on it); without tracing (outside
 * Lambda, or POWERTOOLS_TRACE_ENABLED=false) it just runs it.
 */
export async function traced<T>(tracer: Tracer, name: string, work: () => Promise<T>): Promise<T> {
  if (!tracer.isTracingEnabled()) return work();
  const parent = tracer.getSegment();
  if (parent === undefined) return work();
  const subsegment = parent.addNewSubsegment(`### ${name}`);
  tracer.setSegment(subsegment);
  try {
    return await work();
  } catch (error) {
    subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
    tracer.setSegment(parent);
  }
}
