// The Store port on lowdb files in one folder the host gives (the extension's workspace storage,
// a temp folder in tests): `<name>.json` documents and `<name>.jsonl` logs, one writer object per
// file in this process and a lock file against a second process.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppendLog, DurableDocument, Logger, Store } from '../../core/ports';
import { DocumentFile } from './documentFile';
import { FileLock } from './fileLock';
import { JsonDocument } from './jsonDocument';
import { JsonlAppendLog, type LogSyncPolicy } from './jsonlAppendLog';
import { checkStoreLocation } from './storeLocation';
import { describeStoreIssue, isSevere, type StoreIssue, type StoreIssueListener } from './storeIssue';

export interface JsonStoreOptions {
  /** Created when missing. */
  readonly folder: string;
  readonly logger: Logger;
  /** How long a changed document waits before it is written; changes within it share one write. */
  readonly debounceMs?: number;
  readonly logSync?: LogSyncPolicy;
  /** Hears of every repair the store makes (they also go to the logger). */
  readonly onIssue?: StoreIssueListener;
  /** The folder the store belongs in (a workspace): `folder` must lie inside it with no symbolic link on the way (StoreLocationError). */
  readonly containedIn?: string;
}

export const DEFAULT_DEBOUNCE_MS = 200;

/** Names become file names, so they are kept to characters every file system accepts, with no dots. */
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

export class JsonStore implements Store {
  // Keyed by name; the type parameter is the caller's word, as with any JSON read back from disk.
  private readonly documents = new Map<string, Promise<JsonDocument<object>>>();
  private readonly logs = new Map<string, JsonlAppendLog<unknown>>();
  private closed = false;

  private constructor(private readonly options: JsonStoreOptions) {}

  static async open(options: JsonStoreOptions): Promise<JsonStore> {
    if (options.debounceMs !== undefined && !(Number.isFinite(options.debounceMs) && options.debounceMs >= 0)) {
      throw new RangeError(`debounceMs must be a number of milliseconds >= 0, got ${options.debounceMs}.`);
    }
    if (options.containedIn !== undefined) await checkStoreLocation(options.folder, options.containedIn);
    await mkdir(options.folder, { recursive: true });
    return new JsonStore(options);
  }

  get folder(): string {
    return this.options.folder;
  }

  document<T extends object>(name: string, initial: () => T): Promise<DurableDocument<T>> {
    return this.openDocument(name, initial);
  }

  /** As document(), with the store's own type, which also tells how often the file was written. */
  async openDocument<T extends object>(name: string, initial: () => T): Promise<JsonDocument<T>> {
    this.checkOpen();
    checkName(name);
    let opening = this.documents.get(name);
    if (!opening) {
      opening = this.createDocument(name, initial);
      this.documents.set(name, opening);
      // A document that failed to open (held by another process) may be opened again later.
      opening.catch(() => this.documents.delete(name));
    }
    return (await opening) as unknown as JsonDocument<T>;
  }

  log<T>(name: string): AppendLog<T> {
    return this.openLog<T>(name);
  }

  /** As log(), with the store's own type, which can also be synced and closed. */
  openLog<T>(name: string): JsonlAppendLog<T> {
    this.checkOpen();
    checkName(name);
    let log = this.logs.get(name);
    if (!log) {
      const base = join(this.options.folder, name);
      const lock = FileLock.acquire(`${base}.jsonl`, (stale) => this.report({ kind: 'stale-lock-taken-over', file: `${base}.jsonl`, pid: stale.pid }));
      log = new JsonlAppendLog<unknown>(base, lock, this.options.logSync ?? 'on-flush', this.report);
      this.logs.set(name, log);
    }
    return log as JsonlAppendLog<T>;
  }

  /** Writes every changed document and forces documents and logs to the disk. */
  async flush(): Promise<void> {
    const documents = await this.openedDocuments();
    await Promise.all([...documents.map((document) => document.flush()), ...[...this.logs.values()].map((log) => log.sync())]);
  }

  /** Flushes, then releases every file to the next writer; the store cannot be used after. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const documents = await this.openedDocuments();
    await Promise.all([...documents.map((document) => document.close()), ...[...this.logs.values()].map((log) => log.close())]);
  }

  private async createDocument<T extends object>(name: string, initial: () => T): Promise<JsonDocument<object>> {
    const base = join(this.options.folder, name);
    const lock = FileLock.acquire(`${base}.json`, (stale) => this.report({ kind: 'stale-lock-taken-over', file: `${base}.json`, pid: stale.pid }));
    try {
      const file = new DocumentFile<T>(base, this.report);
      const onWriteFailed = (error: Error) => this.report({ kind: 'write-failed', file: file.path, message: error.message });
      const document = await JsonDocument.open(file, lock, initial, this.options.debounceMs ?? DEFAULT_DEBOUNCE_MS, onWriteFailed);
      return document as unknown as JsonDocument<object>;
    } catch (error) {
      lock.release();
      throw error;
    }
  }

  /** Documents that opened; one that failed to open has nothing to flush. */
  private async openedDocuments(): Promise<JsonDocument<object>[]> {
    const settled = await Promise.allSettled(this.documents.values());
    return settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  }

  private readonly report = (issue: StoreIssue): void => {
    const line = `store: ${describeStoreIssue(issue)}`;
    if (isSevere(issue)) this.options.logger.error(line);
    else this.options.logger.warn(line);
    this.options.onIssue?.(issue);
  };

  private checkOpen(): void {
    if (this.closed) throw new Error(`The store in ${this.options.folder} is closed.`);
  }
}

function checkName(name: string): void {
  if (!NAME.test(name)) {
    throw new RangeError(`Store names are 1-128 letters, digits, '-' and '_', starting with a letter or digit; got ${JSON.stringify(name)}.`);
  }
}
