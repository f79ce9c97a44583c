// What long-term memory needs from its host for one folder of memories: a Store it may open for a
// short while and close again, so that other processes (other VS Code windows) can write the same
// folder in between, and a way to tell "another writer holds this file now" from real failures.
import type { Store } from '../ports';

export interface ClosableStore extends Store {
  /** Flushes and releases every file to the next writer. */
  close(): Promise<void>;
}

export interface MemoryFolder {
  /** Opens a Store on the folder (JsonStore.open with the folder, the logger and the host's issue listener). */
  readonly open: () => Promise<ClosableStore>;
  /** Whether an error from opening a document means another writer holds it for now (JsonStore: StoreLockedError). */
  readonly isHeldElsewhere: (error: unknown) => boolean;
}

/** Another process held the memory's files for longer than the memory waits. */
export class MemoryBusyError extends Error {
  override readonly name = 'MemoryBusyError';
}
