/** The warm handler's memory right after a full garbage collection. */
export interface MemorySample {
  /** Since the worker started. */
  atMs: number;
  invocations: number;
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
}

/** Messages between the soak runner and its lambda worker process. */
export type WorkerRequest =
  | { type: 'invoke'; id: number; event: unknown; timeoutMs: number }
  | { type: 'sample' };

export type WorkerReply =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'sample'; sample: MemorySample; requested: boolean };
