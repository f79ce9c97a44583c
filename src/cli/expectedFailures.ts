// Failures a person causes or can fix, told in one line with exit code 2 instead of a stack trace:
// a state folder another process holds, one that cannot be written, one that is a symbolic link.
import { StoreLockedError } from '../infra/store/fileLock';
import { StoreLocationError } from '../infra/store/storeLocation';
import { FolderInUseError } from '../runtime/folderStore';

const UNWRITABLE: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
};

/** The one line to print for an expected failure, or undefined for a bug (which keeps its stack). */
export function expectedFailureLine(error: unknown): string | undefined {
  if (error instanceof FolderInUseError) return error.message;
  if (error instanceof StoreLockedError) return `${error.message} Two processes cannot work on one folder at once.`;
  if (error instanceof StoreLocationError) return error.message;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== undefined && code in UNWRITABLE) {
    const path = (error as NodeJS.ErrnoException).path;
    return `cannot write ${path ?? 'the state folder'}: ${UNWRITABLE[code]}. Imperium Flow keeps its state in <folder>/.imperium/; make it writable.`;
  }
  return undefined;
}
