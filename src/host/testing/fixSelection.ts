// What "Fix with Agents" on Test Explorer items hands the fix workflow: test ids and test files, as
// the module's input takes them. A file is passed as the file (its tests need not be listed yet), a
// test as its id, a suite as the ids of the known tests inside it (a file of its own when none is
// known), and a folder's item as nothing named at all: every failing test of the folder.
import type { DiscoveredTest } from '../../core/ports';
import { contains, type TestNodeRef } from './testTree';

export function fixSelection(nodes: readonly TestNodeRef[] | 'all', known: readonly DiscoveredTest[]): string[] {
  if (nodes === 'all') return [];
  const named = nodes.flatMap((node) => {
    if (node.kind === 'file') return [node.file];
    if (node.kind === 'test') return [node.testId];
    const inside = known.filter((test) => contains(node, test)).map((test) => test.id);
    return inside.length > 0 ? inside : [node.file];
  });
  return [...new Set(named)];
}
