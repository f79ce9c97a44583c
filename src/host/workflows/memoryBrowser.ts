// The command center's view of long-term memory: both scopes listed together, most recently
// changed first; edits and deletes go to the scope that holds the memory.
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import type { LongTermMemory } from '../../core/memory/longTermMemory';
import type { MemoryRecord } from '../../core/memory/memoryRecord';
import type { MemoryView } from '../../shared/dashboardState';
import type { MemoryBrowser } from '../dashboard/dashboardSource';

export function memoryBrowser(scopes: MemoryScopes, onDidChange: (listener: () => void) => () => void): MemoryBrowser {
  const stores = (): LongTermMemory[] => [scopes.workspace, scopes.global].filter((store): store is LongTermMemory => store !== undefined);
  const owner = (id: string): LongTermMemory => {
    const store = stores().find((candidate) => candidate.get(id) !== undefined);
    if (!store) throw new Error('This memory no longer exists: it was deleted, perhaps from another window.');
    return store;
  };
  return {
    list: async (limit) =>
      stores()
        .flatMap((store) => store.list({ limit }).items)
        .sort((a, b) => b.updatedAt - a.updatedAt)
        .slice(0, limit)
        .map(memoryView),
    update: async (id, edit) => {
      await owner(id).edit(id, edit);
    },
    delete: async (id) => {
      await owner(id).delete(id);
    },
    onDidChange,
  };
}

function memoryView(record: MemoryRecord): MemoryView {
  return {
    id: record.id,
    scope: record.scope,
    kind: record.kind,
    title: record.title,
    text: record.text,
    tags: record.tags,
    provenance: { workflowId: record.provenance.workflowId, files: record.provenance.files, tests: record.provenance.tests },
    createdAt: record.createdAt,
  };
}
