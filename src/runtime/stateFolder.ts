// Where a folder's workflow state lives, on its own so the editor's activation can look for a
// workflow to resume without loading the store (folderStore.ts).
import { join } from 'node:path';

/** The folder's state folder; agents may not read or write it (PathPolicy). */
export const STATE_FOLDER = '.imperium';
/** This folder's long-term memory, inside the state folder. */
export const MEMORY_FOLDER = 'memory';

export function stateFolderOf(folder: string): string {
  return join(folder, STATE_FOLDER);
}
