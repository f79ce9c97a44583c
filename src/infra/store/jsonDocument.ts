// One document held in memory and written back by its one writer. Bursts of updates coalesce into
// a single write at most every `debounceMs`; flush() writes now and forces the bytes to the disk.
import { Low } from 'lowdb';
import type { DurableDocument } from '../../core/ports';
import type { DocumentFile } from './documentFile';
import type { FileLock } from './fileLock';

export class JsonDocument<T extends object> implements DurableDocument<T> {
  private timer: NodeJS.Timeout | undefined;
  private dirty = false;
  /** Written (renamed into place) but not yet forced to the disk. */
  private unsynced = false;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;
  private writes = 0;

  private constructor(
    private readonly db: Low<T>,
    private readonly file: DocumentFile<T>,
    private readonly lock: FileLock,
    private readonly debounceMs: number,
    private readonly onWriteFailed: (error: Error) => void,
  ) {}

  /** Reads the document (restoring it when damaged) or starts it from `initial`. */
  static async open<T extends object>(
    file: DocumentFile<T>,
    lock: FileLock,
    initial: () => T,
    debounceMs: number,
    onWriteFailed: (error: Error) => void,
  ): Promise<JsonDocument<T>> {
    // `initial` runs only when there is nothing on disk: it may be costly, or refuse (throw).
    const stored = await file.read();
    const db = new Low<T>(file, stored ?? initial());
    return new JsonDocument(db, file, lock, debounceMs, onWriteFailed);
  }

  get data(): T {
    return this.db.data;
  }

  get path(): string {
    return this.file.path;
  }

  /** How many times the document reached the disk since it was opened. */
  get writeCount(): number {
    return this.writes;
  }

  update(mutate: (data: T) => void): void {
    if (this.closed) throw new Error(`${this.file.path} is closed; its changes can no longer be written.`);
    mutate(this.db.data);
    this.dirty = true;
    // The timer starts at the first change after a write, not the last one, so a steady stream of
    // updates still reaches the disk every debounceMs instead of waiting for a pause that never comes.
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      // A failure is reported by write() and the data stays dirty for the next write or flush.
      this.write().catch(() => undefined);
    }, this.debounceMs);
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.write();
    if (!this.unsynced) return;
    this.unsynced = false;
    try {
      await this.file.sync();
    } catch (error) {
      this.unsynced = true;
      throw error;
    }
  }

  /** Flushes, then gives the file up to the next writer. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.flush();
    this.closed = true;
    this.lock.release();
  }

  /** Writes the data if it changed; writes run one after another, never two at once. */
  private write(): Promise<void> {
    const run = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        // The adapter serialises the data before its first await, so later updates go to the next write.
        await this.db.write();
        this.writes++;
        this.unsynced = true;
      } catch (error) {
        this.dirty = true;
        this.onWriteFailed(error as Error);
        throw error;
      }
    });
    this.writing = run.catch(() => undefined);
    return run;
  }
}
