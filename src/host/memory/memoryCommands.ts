// Imperium: Manage Memories. A quick pick lists the memories of both scopes (this workspace, every
// project) with their kind and provenance; a memory can then be read (a markdown preview), edited (an
// editor whose save applies) or deleted (after a confirmation).
import * as vscode from 'vscode';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import type { LongTermMemory } from '../../core/memory/longTermMemory';
import type { MemoryRecord } from '../../core/memory/memoryRecord';
import { memoryListLine } from '../../core/memory/memoryText';
import { EDIT_SCHEME, memoryUri, MemoryEditor, MemoryView, VIEW_SCHEME } from './memoryDocuments';

export interface MemoryCommandOptions {
  readonly memories: () => Promise<MemoryScopes>;
  readonly log: vscode.LogOutputChannel;
}

/** Memories listed per scope, newest first; a list longer than this says how many more there are. */
const LISTED_PER_SCOPE = 500;

interface MemoryItem extends vscode.QuickPickItem {
  readonly record?: MemoryRecord;
  readonly memory?: LongTermMemory;
}

type Action = 'read' | 'edit' | 'delete';

export function registerMemoryCommands(options: MemoryCommandOptions): vscode.Disposable[] {
  const editor = new MemoryEditor(options.memories, options.log);
  return [
    editor,
    vscode.workspace.registerTextDocumentContentProvider(VIEW_SCHEME, new MemoryView(options.memories)),
    vscode.workspace.registerFileSystemProvider(EDIT_SCHEME, editor, { isCaseSensitive: true }),
    vscode.commands.registerCommand('imperium.manageMemories', () =>
      manageMemories(options).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        options.log.error(`memory: ${message}`);
        void vscode.window.showErrorMessage(`Imperium Flow: the memories could not be shown: ${message}`);
      }),
    ),
  ];
}

async function manageMemories({ memories, log }: MemoryCommandOptions): Promise<void> {
  const scopes = await memories();
  const sections: { readonly heading: string; readonly memory: LongTermMemory | undefined }[] = [
    { heading: 'This workspace', memory: scopes.workspace },
    { heading: 'Every project', memory: scopes.global },
  ];
  const items: MemoryItem[] = [];
  for (const { heading, memory } of sections) {
    const page = memory?.list({ limit: LISTED_PER_SCOPE });
    if (!memory || !page || page.total === 0) continue;
    const more = page.total - page.items.length;
    items.push({ label: more > 0 ? `${heading} (newest ${page.items.length} of ${page.total})` : heading, kind: vscode.QuickPickItemKind.Separator });
    items.push(...page.items.map((record) => ({ ...memoryListLine(record), record, memory })));
  }
  if (items.length === 0) {
    void vscode.window.showInformationMessage('Imperium Flow has no memories yet: they are learned from workflows whose tests passed and that the Board approved.');
    return;
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'Imperium Flow: Memories', placeHolder: 'Pick a memory to read, edit or delete', matchOnDescription: true, matchOnDetail: true });
  if (!picked?.record || !picked.memory) return;
  const action = await pickAction(picked.record);
  if (action === 'read') await read(picked.record);
  if (action === 'edit') await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(memoryUri(EDIT_SCHEME, picked.record)), { preview: false });
  if (action === 'delete') await remove(picked.memory, picked.record, log);
}

async function pickAction(record: MemoryRecord): Promise<Action | undefined> {
  const actions: (vscode.QuickPickItem & { readonly action: Action })[] = [
    { label: '$(preview) Read', description: 'with where it was learned', action: 'read' },
    { label: '$(edit) Edit', description: 'title and text; saving applies the change', action: 'edit' },
    { label: '$(trash) Delete', action: 'delete' },
  ];
  return (await vscode.window.showQuickPick(actions, { title: record.title, placeHolder: 'What to do with this memory' }))?.action;
}

async function read(record: MemoryRecord): Promise<void> {
  const uri = memoryUri(VIEW_SCHEME, record);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // Without the markdown preview (it is an extension that can be disabled), the read-only text.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
  }
}

async function remove(memory: LongTermMemory, record: MemoryRecord, log: vscode.LogOutputChannel): Promise<void> {
  const confirmed = await vscode.window.showWarningMessage(`Delete the memory "${record.title}"?`, { modal: true, detail: 'Agents will no longer recall it. This cannot be undone.' }, 'Delete');
  if (confirmed !== 'Delete') return;
  if (!(await memory.delete(record.id))) {
    void vscode.window.showInformationMessage(`Imperium Flow: the memory "${record.title}" was already gone (deleted in another window).`);
    return;
  }
  log.info(`memory: "${record.title}" (${record.scope}) deleted`);
  void vscode.window.showInformationMessage(`Imperium Flow: memory "${record.title}" deleted.`);
}
