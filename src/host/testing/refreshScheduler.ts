// Runs a refresh once changes have settled: each request restarts a quiet period, and a request
// that arrives while a refresh runs is served by one more refresh after it, never by two at once.
// An agent saving ten test files costs one discovery, not ten.

export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class RefreshScheduler {
  private timer: unknown;
  private running: Promise<void> | undefined;
  private pending = false;
  private disposed = false;

  constructor(
    private readonly refresh: () => Promise<void>,
    private readonly quietMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /** Asks for a refresh after the quiet period, restarting it if one is under way. */
  schedule(): void {
    if (this.disposed) return;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => {
      this.timer = undefined;
      this.start();
    }, this.quietMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = this.refresh()
      .catch(this.onError)
      .finally(() => {
        this.running = undefined;
        if (this.pending && !this.disposed) {
          this.pending = false;
          this.start();
        }
      });
  }
}
