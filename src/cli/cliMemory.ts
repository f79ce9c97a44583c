// Long-term memory for the CLI: this folder's in <folder>/.imperium/memory, the user's global one in
// a per-user folder ($IMPERIUM_GLOBAL_MEMORY, else ~/.imperium/memory). The store restores a
// damaged file from its last good copy and says so through the logger, which the CLI prints as a
// warning on stderr.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Embedder } from '../core/memory/longTermMemory';
import { LongTermMemory } from '../core/memory/longTermMemory';
import type { MemoryScopes } from '../core/memory/learnedMemories';
import type { MemoryFolder } from '../core/memory/memoryFolder';
import type { MemoryScope } from '../core/memory/memoryRecord';
import type { Clock, Logger } from '../core/ports';
import { StoreLockedError } from '../infra/store/fileLock';
import { JsonStore } from '../infra/store/jsonStore';
import { liesInside } from '../infra/store/storeLocation';

/** Overrides where the user's global memory lives (tests point it at a temporary folder). */
export const GLOBAL_MEMORY_ENV = 'IMPERIUM_GLOBAL_MEMORY';

export function defaultGlobalMemoryFolder(env: NodeJS.ProcessEnv = process.env): string {
  return env[GLOBAL_MEMORY_ENV]?.trim() || join(homedir(), '.imperium', 'memory');
}

export interface CliMemory extends MemoryScopes {
  readonly workspace: LongTermMemory;
  close(): Promise<void>;
}

export async function openCliMemory(options: {
  /** The folder the run works on: a memory folder inside it must be reached through real folders only (StoreLocationError). */
  readonly workspaceRoot: string;
  readonly workspaceFolder: string;
  readonly globalFolder: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly embedder?: Embedder;
}): Promise<CliMemory> {
  const open = (scope: MemoryScope, folder: string) =>
    LongTermMemory.open({ folders: { [scope]: storeFolder(folder, options.workspaceRoot, options.logger) }, clock: options.clock, logger: options.logger, ...(options.embedder && { embedder: options.embedder }) });
  const workspace = await open('workspace', options.workspaceFolder);
  try {
    const global = await open('global', options.globalFolder);
    return {
      workspace,
      global,
      async close() {
        await Promise.all([workspace.close(), global.close()]);
      },
    };
  } catch (error) {
    await workspace.close();
    throw error;
  }
}

function storeFolder(folder: string, workspaceRoot: string, logger: Logger): MemoryFolder {
  // The workspace is untrusted: its .imperium/memory (or a link in it) could send memories elsewhere.
  const containedIn = liesInside(folder, workspaceRoot) ? workspaceRoot : undefined;
  return { open: () => JsonStore.open({ folder, logger, ...(containedIn !== undefined && { containedIn }) }), isHeldElsewhere: (error) => error instanceof StoreLockedError };
}
