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

/**
 * `source` read inside a subsegment `name`, opened at the first read and closed when the stream ends,
 * fails (the error recorded on it) or is abandoned. For a stream another traced step consumes — the
 * parse, read batch by batch by the write — so that X-Ray shows the parse inside the write. The
 * current segment is left alone: the consumer's own calls stay on its subsegment.
 */
export async function* tracedStream<T>(
  tracer: Tracer,
  name: string,
  source: AsyncIterable<T>
): AsyncGenerator<T> {
  const parent = tracer.isTracingEnabled() ? tracer.getSegment() : undefined;
  if (parent === undefined) {
    yield* source;
    return;
  }
  const subsegment = parent.addNewSubsegment(`### ${name}`);
  try {
    yield* source;
  } catch (error) {
    subsegment.addError(error as Error);
    throw error;
  } finally {
    subsegment.close();
  }
}
