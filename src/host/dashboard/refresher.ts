// Re-reads something (a workflow's changed files, the memories) on demand, one read at a time per
// key: a request that comes while a read runs is served by one more read after it, however many
// such requests come, so the last read always starts after the last request.
export class Refresher<K> {
  private readonly running = new Map<K, Promise<void>>();
  private readonly queued = new Map<K, Promise<void>>();

  /** `read` reports its own failures; a rejection only ends that read. */
  constructor(private readonly read: (key: K) => Promise<void>) {}

  /** Resolves when a read that started after this call has finished. */
  refresh(key: K): Promise<void> {
    const queued = this.queued.get(key);
    if (queued) return queued;
    const running = this.running.get(key);
    if (!running) return this.run(key);
    const again = () => {
      this.queued.delete(key);
      return this.run(key);
    };
    const next = running.then(again, again);
    this.queued.set(key, next);
    return next;
  }

  private run(key: K): Promise<void> {
    const read = this.read(key).finally(() => {
      if (this.running.get(key) === read) this.running.delete(key);
    });
    this.running.set(key, read);
    return read;
  }
}
