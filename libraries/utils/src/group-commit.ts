/**
 * Gathers the rows of every object in one invocation and commits them with ONE append per checkpoint,
 * once every object has either submitted its rows or declared that it has none ("arrived").
 * Each submitter waits for its checkpoint's commit, so a per-object unit of work (e.g. an idempotent
 * function) only completes after its rows are durable.
 */
export class GroupCommit<Entry, Result> {
  private readonly arrived = new Set<string>();
  private readonly groups = new Map<string, { entries: Entry[]; waiters: Deferred<Result>[] }>();
  private flushed = false;

  public constructor(
    private readonly expected: number,
    private readonly commit: (group: string, entries: Entry[]) => Promise<Result>
  ) {
    if (expected === 0) this.flushed = true;
  }

  /** Adds one object's entry to a group; resolves with that group's commit result. */
  public submit(id: string, group: string, entry: Entry): Promise<Result> {
    if (this.flushed || this.arrived.has(id)) {
      return Promise.reject(new Error(`GroupCommit: ${id} submitted after the commit started or twice`));
    }
    const waiter = deferred<Result>();
    const existing = this.groups.get(group) ?? { entries: [], waiters: [] };
    existing.entries.push(entry);
    existing.waiters.push(waiter);
    this.groups.set(group, existing);
    this.arrive(id);
    return waiter.promise;
  }

  /** Declares that an object has nothing (more) to submit. Safe to call more than once. */
  public arrive(id: string): void {
    if (this.arrived.has(id)) return;
    this.arrived.add(id);
    if (!this.flushed && this.arrived.size >= this.expected) this.flush();
  }

  private flush(): void {
    this.flushed = true;
    for (const [group, { entries, waiters }] of this.groups) {
      // Each checkpoint commits independently: one failing does not stop the others.
      this.commit(group, entries).then(
        (result) => waiters.forEach((w) => w.resolve(result)),
        (error: unknown) => waiters.forEach((w) => w.reject(error))
      );
    }
  }
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (error: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((_resolve, _reject) => {
    resolve = _resolve;
    reject = _reject;
  });
  return { promise, resolve, reject };
}
