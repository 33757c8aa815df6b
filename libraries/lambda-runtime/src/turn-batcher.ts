/**
 * Collects the items that arrive in one turn of the event loop and hands them on in batches of at most
 * `size` with distinct keys (DynamoDB refuses two requests on one item in a batch or transaction): a full
 * batch goes at once, the rest when the turn ends (setImmediate). An item whose key is already in the
 * batch being formed waits for the next batch, in arrival order.
 */
export class TurnBatcher<T> {
  private queue: T[] = [];
  private scheduled = false;

  public constructor(
    private readonly size: number,
    private readonly keyOf: (item: T) => string,
    private readonly send: (batch: T[]) => void
  ) {}

  public add(item: T): void {
    this.queue.push(item);
    if (this.queue.length >= this.size) this.take();
    else this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      while (this.queue.length > 0) this.take();
    });
  }

  private take(): void {
    const batch = new Map<string, T>();
    const later: T[] = [];
    let i = 0;
    for (; i < this.queue.length && batch.size < this.size; i++) {
      const key = this.keyOf(this.queue[i]);
      if (batch.has(key)) later.push(this.queue[i]);
      else batch.set(key, this.queue[i]);
    }
    this.queue = [...later, ...this.queue.slice(i)];
    if (later.length > 0) this.schedule();
    this.send([...batch.values()]);
  }
}
