// One writer per file across processes: a `<file>.lock` beside it, created exclusively, naming the
// process that holds it. A lock whose process is gone (a crash, a SIGKILL, a closed window) is stale
// and taken over; a live holder makes the second writer fail with an error saying who holds it.
// A recycled pid can make a dead holder look alive; that error then names the file to delete.
import { closeSync, openSync, readFileSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

export class StoreLockedError extends Error {
  override readonly name = 'StoreLockedError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message);
  }
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly since: number;
}

/** Locks this process holds, so a second writer in the same process is refused too, and exit frees them. */
const held = new Set<string>();
let exitHookInstalled = false;

/** A lock file younger than this may still be being written by its creator, so it is not judged yet. */
const UNREADABLE_LOCK_GRACE_MS = 2_000;

export interface StaleLockInfo {
  readonly pid?: number;
}

export class FileLock {
  private released = false;

  private constructor(readonly path: string) {}

  /**
   * Locks `file` for this process or throws StoreLockedError. `onStale` hears of a dead holder's
   * lock being taken over.
   */
  static acquire(file: string, onStale: (info: StaleLockInfo) => void): FileLock {
    const path = `${file}.lock`;
    if (held.has(path)) {
      throw new StoreLockedError(file, `${file} is already open for writing in this process; use the Store that opened it (one writer per file).`);
    }
    // Two rounds: the second follows the removal of a stale lock. Losing that race to another
    // process that also saw it stale ends in the ordinary "held by" error below.
    for (let round = 0; round < 2; round++) {
      if (tryCreate(path)) {
        installExitHook();
        held.add(path);
        return new FileLock(path);
      }
      const owner = readOwner(path);
      if (owner === 'gone') continue;
      if (!isStale(path, owner)) {
        const who = owner === 'unreadable' ? 'another process' : `process ${owner.pid} on ${owner.host} (since ${new Date(owner.since).toISOString()})`;
        throw new StoreLockedError(
          file,
          `${file} is already being written by ${who}. Close that window or process; if it is gone, delete ${path}.`,
        );
      }
      removeIfPresent(path);
      onStale(owner === 'unreadable' ? {} : { pid: owner.pid });
    }
    throw new StoreLockedError(file, `${file} is being locked by another process at the same moment; try again.`);
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    held.delete(this.path);
    removeIfPresent(this.path);
  }
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    const owner: LockOwner = { pid: process.pid, host: hostname(), since: Date.now() };
    writeSync(fd, JSON.stringify(owner));
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(path: string): LockOwner | 'unreadable' | 'gone' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.since === 'number') {
      return { pid: value.pid, host: value.host, since: value.since };
    }
  } catch {
    // A holder that died between creating the file and writing its content leaves it empty.
  }
  return 'unreadable';
}

function isStale(path: string, owner: LockOwner | 'unreadable'): boolean {
  if (owner === 'unreadable') {
    try {
      return Date.now() - statSync(path).mtimeMs > UNREADABLE_LOCK_GRACE_MS;
    } catch {
      return true;
    }
  }
  // Whether a process on another machine (a shared folder) lives cannot be known from here, so
  // such a lock is respected until a person removes it.
  if (owner.host !== hostname()) return false;
  // Our own pid on a lock we do not hold is a predecessor's that had the same pid (common in
  // containers, where each run starts with the same few pids).
  if (owner.pid === process.pid) return true;
  return !isAlive(owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // An orderly exit frees the locks at once; after a crash the next process finds them stale.
  process.on('exit', () => {
    for (const path of held) {
      try {
        unlinkSync(path);
      } catch {
        // Nothing more can be done while exiting; the next process will find the lock stale.
      }
    }
  });
}
