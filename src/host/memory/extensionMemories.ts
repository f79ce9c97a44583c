// Long-term memory for the extension: this workspace's in its storage folder (context.storageUri),
// the user's global one in the extension's global storage (context.globalStorageUri), each a
// LongTermMemory over a lowdb store. When the store finds a memory file damaged it restores the last
// good copy; `onDamage` hears of it in a sentence the host shows the user as a warning.
import { join } from 'node:path';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import { type Embedder, LongTermMemory } from '../../core/memory/longTermMemory';
import type { MemoryFolder } from '../../core/memory/memoryFolder';
import type { MemoryScope } from '../../core/memory/memoryRecord';
import type { Clock, Logger } from '../../core/ports';
import { StoreLockedError } from '../../infra/store/fileLock';
import { JsonStore } from '../../infra/store/jsonStore';
import { describeStoreIssue, type StoreIssue } from '../../infra/store/storeIssue';
import { liesInside } from '../../infra/store/storeLocation';

export interface ExtensionMemoryOptions {
  /** The workspace's storage folder (context.storageUri.fsPath); absent without an open folder. */
  readonly workspaceStorage?: string;
  /** The workspace folder: a memory folder inside it must be reached through real folders only (StoreLocationError). */
  readonly workspaceFolder?: string;
  /** The global storage folder (context.globalStorageUri.fsPath). */
  readonly globalStorage: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Embeddings of the configured endpoint, for semantic recall; without, recall is lexical. */
  readonly embedder?: Embedder;
  /** Told of each damaged memory file, after its last good copy was put back (or, with none, after it started empty). */
  readonly onDamage: (message: string) => void;
}

export interface ExtensionMemories extends MemoryScopes {
  close(): Promise<void>;
}

const DAMAGE: ReadonlySet<StoreIssue['kind']> = new Set(['document-restored', 'document-reset', 'document-missing-restored']);

export async function openExtensionMemories(options: ExtensionMemoryOptions): Promise<ExtensionMemories> {
  const open = (scope: MemoryScope, storage: string) =>
    LongTermMemory.open({
      folders: { [scope]: folder(scope, join(storage, 'memory'), options) },
      clock: options.clock,
      logger: options.logger,
      ...(options.embedder && { embedder: options.embedder }),
    });
  const global = await open('global', options.globalStorage);
  try {
    const workspace = options.workspaceStorage === undefined ? undefined : await open('workspace', options.workspaceStorage);
    return {
      global,
      ...(workspace && { workspace }),
      async close() {
        await Promise.all([global.close(), workspace?.close()]);
      },
    };
  } catch (error) {
    await global.close();
    throw error;
  }
}

function folder(scope: MemoryScope, path: string, options: ExtensionMemoryOptions): MemoryFolder {
  const onIssue = (issue: StoreIssue) => {
    if (DAMAGE.has(issue.kind)) options.onDamage(`Imperium Flow: a file of your ${scope === 'workspace' ? "workspace's" : 'global'} memory was damaged: ${describeStoreIssue(issue)}.`);
  };
  const root = options.workspaceFolder;
  // The workspace is untrusted: its .imperium/memory (or a link in it) could send memories elsewhere.
  const containedIn = root !== undefined && liesInside(path, root) ? root : undefined;
  return { open: () => JsonStore.open({ folder: path, logger: options.logger, onIssue, ...(containedIn !== undefined && { containedIn }) }), isHeldElsewhere: (error) => error instanceof StoreLockedError };
}
