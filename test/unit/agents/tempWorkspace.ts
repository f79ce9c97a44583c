// A real NodeWorkspace over a fresh temp folder, for the agent and tool tests.
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { JournalEntry } from '../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../src/core/journal/writeJournal';
import { NodeWorkspace } from '../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from '../core/journal/inMemoryAppendLog';

export interface TempWorkspace {
  readonly root: string;
  readonly workspace: NodeWorkspace;
  readonly journal: InMemoryAppendLog<JournalEntry>;
  readFile(relative: string): Promise<string>;
  remove(): Promise<void>;
}

export async function tempWorkspace(files: Record<string, string | Uint8Array>): Promise<TempWorkspace> {
  const root = await fs.mkdtemp(path.join(tmpdir(), 'imperium-agent-'));
  for (const [relative, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
    await fs.writeFile(path.join(root, relative), content);
  }
  const journal = new InMemoryAppendLog<JournalEntry>();
  const workspace = await NodeWorkspace.open(root, { journal: new WriteJournal(journal) });
  return {
    root,
    workspace,
    journal,
    readFile: (relative) => fs.readFile(path.join(root, relative), 'utf8'),
    remove: () => fs.rm(root, { recursive: true, force: true }),
  };
}
