/**
 * Read-write locks by name (one per S3 object key). Readers share, a writer is alone, and waiters are
 * served in arrival order so that a stream of readers cannot starve a writer.
 */
export type Release = () => void;

interface Waiter {
  exclusive: boolean;
  grant: () => void;
}

interface LockState {
  readers: number;
  writer: boolean;
  queue: Waiter[];
}

export class KeyedReadWriteLock {
  private readonly _locks: Map<string, LockState> = new Map();

  /** Names with a holder or a waiter; empty when nothing is locked. */
  get activeNames(): string[] {
    return [...this._locks.keys()];
  }

  acquireShared(name: string): Promise<Release> {
    return this._acquire(name, false);
  }

  acquireExclusive(name: string): Promise<Release> {
    return this._acquire(name, true);
  }

  /** Acquires several locks in a fixed (sorted) order, so two callers never deadlock. */
  async acquireMany(requests: { name: string; exclusive: boolean }[]): Promise<Release> {
    const byName = new Map<string, boolean>();
    for (const request of requests) {
      byName.set(request.name, (byName.get(request.name) ?? false) || request.exclusive);
    }
    const releases: Release[] = [];
    for (const name of [...byName.keys()].sort()) {
      releases.push(await this._acquire(name, byName.get(name)!));
    }
    return () => {
      for (const release of releases.reverse()) release();
    };
  }

  private _acquire(name: string, exclusive: boolean): Promise<Release> {
    let state = this._locks.get(name);
    if (!state) {
      state = { readers: 0, writer: false, queue: [] };
      this._locks.set(name, state);
    }
    const lockState = state;
    return new Promise<Release>((resolve) => {
      const grant = (): void => {
        if (exclusive) lockState.writer = true;
        else lockState.readers++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          if (exclusive) lockState.writer = false;
          else lockState.readers--;
          this._drain(name, lockState);
        });
      };
      lockState.queue.push({ exclusive, grant });
      this._drain(name, lockState);
    });
  }

  private _drain(name: string, state: LockState): void {
    while (state.queue.length > 0) {
      const next = state.queue[0];
      if (state.writer) break;
      if (next.exclusive && state.readers > 0) break;
      state.queue.shift();
      next.grant();
      if (next.exclusive) break;
    }
    if (!state.writer && state.readers === 0 && state.queue.length === 0) {
      this._locks.delete(name);
    }
  }
}
