// An append-only log of JSON entries, one per line (JSON.stringify escapes newlines inside strings).
// Appends never rewrite what is there; a line cut off by a crash is tolerated when reading and cut
// off (kept aside) before the next append, so it cannot glue itself to the next entry.
import { type FileHandle, open, readFile, truncate, writeFile } from 'node:fs/promises';
import type { AppendLog } from '../../core/ports';
import type { FileLock } from './fileLock';
import type { StoreIssueListener } from './storeIssue';

/**
 * When appended lines are forced to the disk. Once an append resolves, its line is in the kernel and
 * survives a crash of this process (a reload, a killed extension host); only an OS crash or power
 * loss can drop lines not yet synced, and reading tolerates the torn tail that leaves. Forcing each
 * line costs a disk flush per event (bench/store.ts measures it), so by default lines are synced when
 * the store flushes, which the orchestrator does when a step completes: the events are then exactly
 * as durable as the workflow state they describe.
 */
export type LogSyncPolicy = 'on-flush' | 'every-append';

const NEWLINE = 0x0a;

export class JsonlAppendLog<T> implements AppendLog<T> {
  private handle: Promise<FileHandle> | undefined;
  private queue: Promise<void> = Promise.resolve();
  private unsynced = false;
  private closed = false;

  /** `base` is the folder and name without extension, e.g. `/storage/events`. */
  constructor(
    private readonly base: string,
    private readonly lock: FileLock,
    private readonly policy: LogSyncPolicy,
    private readonly report: StoreIssueListener,
  ) {}

  get path(): string {
    return `${this.base}.jsonl`;
  }

  append(entry: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error(`${this.path} is closed; nothing more can be appended.`));
    let text: string | undefined;
    try {
      text = JSON.stringify(entry);
    } catch (error) {
      return Promise.reject(new TypeError(`Cannot append to ${this.path}: the entry is not JSON (${(error as Error).message}).`));
    }
    if (text === undefined) return Promise.reject(new TypeError(`Cannot append to ${this.path}: ${typeof entry} is not JSON.`));
    const line = `${text}\n`;
    return this.enqueue(async () => {
      const handle = await this.openForAppend();
      await handle.appendFile(line, 'utf8');
      if (this.policy === 'every-append') await handle.datasync();
      else this.unsynced = true;
    });
  }

  async readAll(): Promise<T[]> {
    await this.queue;
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const lines = bytes.toString('utf8').split('\n');
    // A complete log ends in a newline, leaving an empty last piece; anything else is a torn line.
    const tail = lines.pop() ?? '';
    if (tail !== '') this.report({ kind: 'log-tail-torn', file: this.path, bytes: Buffer.byteLength(tail) });
    const entries: T[] = [];
    lines.forEach((line, index) => {
      try {
        entries.push(JSON.parse(line) as T);
      } catch {
        this.report({ kind: 'log-line-damaged', file: this.path, line: index + 1 });
      }
    });
    return entries;
  }

  /** Forces appended lines to the disk (see LogSyncPolicy). */
  sync(): Promise<void> {
    return this.enqueue(async () => {
      if (!this.unsynced || !this.handle) return;
      this.unsynced = false;
      await (await this.handle).datasync();
    });
  }

  /** Syncs, closes the file and gives it up to the next writer. */
  async close(): Promise<void> {
    if (this.closed) return;
    await this.sync();
    this.closed = true;
    if (this.handle) await (await this.handle).close();
    this.lock.release();
  }

  /** Appends run one after another, in call order; a failed one does not stop the next. */
  private enqueue(work: () => Promise<void>): Promise<void> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private openForAppend(): Promise<FileHandle> {
    if (!this.handle) {
      const opening = this.cutTornTail().then(() => open(this.path, 'a'));
      // A failed open is retried by the next append rather than remembered.
      opening.catch(() => {
        if (this.handle === opening) this.handle = undefined;
      });
      this.handle = opening;
    }
    return this.handle;
  }

  private async cutTornTail(): Promise<void> {
    if (!(await endsTorn(this.path))) return;
    const bytes = await readFile(this.path);
    const keep = bytes.lastIndexOf(NEWLINE) + 1;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const keptAt = `${this.base}.torn-${stamp}.jsonl`;
    await writeFile(keptAt, bytes.subarray(keep));
    await truncate(this.path, keep);
    this.report({ kind: 'log-tail-torn', file: this.path, bytes: bytes.length - keep, keptAt });
  }
}

/** Whether the file exists, is not empty and does not end in a newline; reads only its last byte. */
async function endsTorn(path: string): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== NEWLINE;
  } finally {
    await handle.close();
  }
}
