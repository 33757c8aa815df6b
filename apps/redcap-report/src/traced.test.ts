import type { Tracer } from '@aws-lambda-powertools/tracer';

import { traced, tracedStream } from './traced';

/** A tracer that records the subsegments opened, closed and failed (the calls traced.ts makes). */
function recordingTracer() {
  const events: string[] = [];
  let current = { name: 'handler' };
  const segment = (name: string) => ({
    name,
    addNewSubsegment: (child: string) => {
      events.push(`open ${child} in ${name}`);
      return segment(child);
    },
    addError: (error: Error) => events.push(`error ${name}: ${error.message}`),
    close: () => events.push(`close ${name}`)
  });
  current = segment('handler');
  const tracer = {
    isTracingEnabled: () => true,
    getSegment: () => current,
    setSegment: (next: typeof current) => {
      current = next;
    }
  };
  return { tracer: tracer as unknown as Tracer, events };
}

async function* numbers(fail: boolean): AsyncGenerator<number> {
  yield 1;
  yield 2;
  if (fail) throw new Error('cut off');
}

async function consume(source: AsyncIterable<number>): Promise<number> {
  let sum = 0;
  for await (const n of source) sum += n;
  return sum;
}

describe('traced subsegments', () => {
  it('a stream consumed by a traced step is its own subsegment inside that step', async () => {
    const { tracer, events } = recordingTracer();
    const sum = await traced(tracer, 'write', () => consume(tracedStream(tracer, 'parse', numbers(false))));
    expect(sum).toBe(3);
    expect(events).toEqual([
      'open ### write in handler',
      'open ### parse in ### write',
      'close ### parse',
      'close ### write'
    ]);
  });

  it('a stream that fails records the error on its subsegment and on the step', async () => {
    const { tracer, events } = recordingTracer();
    await expect(
      traced(tracer, 'write', () => consume(tracedStream(tracer, 'parse', numbers(true))))
    ).rejects.toThrow('cut off');
    expect(events).toEqual([
      'open ### write in handler',
      'open ### parse in ### write',
      'error ### parse: cut off',
      'close ### parse',
      'error ### write: cut off',
      'close ### write'
    ]);
  });

  it('without tracing the stream passes through', async () => {
    const { tracer, events } = recordingTracer();
    const off = { ...tracer, isTracingEnabled: () => false } as unknown as Tracer;
    expect(await consume(tracedStream(off, 'parse', numbers(false)))).toBe(3);
    expect(events).toEqual([]);
  });
});
