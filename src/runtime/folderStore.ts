// One store per folder, whoever runs the workflows: the editor and the CLI both keep workflow state,
// events, the write journal and verdicts in <folder>/.imperium/, so `imperium status` shows what
// the editor ran and the other way round. The store's lock keeps two writers apart; a second one
// (a window and a CLI on the same folder) is refused, saying who holds it.
import type { Logger } from '../core/ports';
import { StoreLockedError } from '../infra/store/fileLock';
import { JsonStore } from '../infra/store/jsonStore';
import { stateFolderOf } from './stateFolder';

export { MEMORY_FOLDER, STATE_FOLDER, stateFolderOf } from './stateFolder';

/** Another window or process is running workflows on the folder. */
export class FolderInUseError extends Error {
  override readonly name = 'FolderInUseError';
}

/**
 * Opens <folder>/.imperium/ and takes its writer's lock at once (on the events log every workflow
 * writes), so a second writer is refused before it starts anything.
 */
export async function openFolderStore(folder: string, logger: Logger, options: { readonly debounceMs?: number } = {}): Promise<JsonStore> {
  const store = await JsonStore.open({ folder: stateFolderOf(folder), logger, containedIn: folder, ...(options.debounceMs !== undefined && { debounceMs: options.debounceMs }) });
  try {
    store.openLog('events');
  } catch (error) {
    await store.close();
    if (error instanceof StoreLockedError) {
      throw new FolderInUseError(
        `Workflows in ${folder} are being run by another Imperium Flow (a VS Code window or an \`imperium\` command): ${error.message} One writer at a time keeps the folder's state whole; \`imperium status\` shows what runs there meanwhile.`,
        { cause: error },
      );
    }
    throw error;
  }
  return store;
}
