// Waiting in the editor for something a person would see: polls `probe` until it answers (anything
// but undefined), then hands that answer back; past `timeoutMs` it fails naming what it waited for.
// With `retryErrors`, a probe that throws (a view not there yet) counts as no answer, and the last
// error is named in the failure.

export interface UntilOptions {
  /** Between probes; default 100 ms. */
  readonly intervalMs?: number;
  readonly retryErrors?: boolean;
}

export async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, options: UntilOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = options.retryErrors
      ? await Promise.resolve()
          .then(probe)
          .catch((error: unknown) => {
            last = error;
            return undefined;
          })
      : await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last instanceof Error ? ` (last: ${last.message})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 100));
  }
}
