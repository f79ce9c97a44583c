// Memories as documents. 'imperium-memory-view' renders one for reading, provenance included (a
// content provider's documents are read-only). 'imperium-memory' shows one for editing, the title as
// the heading and the text below, and saving applies the edit to the memory: a document that does
// not parse, or a memory deleted meanwhile, refuses the save with a message, and the editor keeps
// what was typed.
import * as vscode from 'vscode';
import type { MemoryScopes } from '../../core/memory/learnedMemories';
import type { LongTermMemory } from '../../core/memory/longTermMemory';
import type { MemoryRecord } from '../../core/memory/memoryRecord';
import { MEMORY_SCOPES, MemoryInputError, type MemoryScope } from '../../core/memory/memoryVocabulary';
import { editableMemory, memoryMarkdown, parseEditedMemory } from '../../core/memory/memoryText';

export const VIEW_SCHEME = 'imperium-memory-view';
export const EDIT_SCHEME = 'imperium-memory';

export type OpenMemories = () => Promise<MemoryScopes>;

/** The document of a memory; its file name (the editor tab's label) is the title, made file-safe. */
export function memoryUri(scheme: typeof VIEW_SCHEME | typeof EDIT_SCHEME, record: Pick<MemoryRecord, 'scope' | 'id' | 'title'>): vscode.Uri {
  const name = record.title.replace(/[^\p{L}\p{N} ._-]+/gu, ' ').trim().replace(/\s+/g, ' ').slice(0, 60) || 'memory';
  return vscode.Uri.from({ scheme, path: `/${record.scope}/${record.id}/${name}.md` });
}

/** The memory a document's URI names, and the LongTermMemory holding it. */
async function locate(memories: OpenMemories, uri: vscode.Uri): Promise<{ readonly memory: LongTermMemory; readonly record: MemoryRecord }> {
  const match = /^\/([a-z]+)\/(mem-[\w-]+)\/[^/]+\.md$/.exec(uri.path);
  const scope = match?.[1] as MemoryScope | undefined;
  if (!match || !scope || !(MEMORY_SCOPES as readonly string[]).includes(scope)) throw vscode.FileSystemError.FileNotFound(uri);
  const memory = (await memories())[scope];
  const record = memory?.get(match[2] ?? '');
  if (!memory || !record) throw vscode.FileSystemError.FileNotFound(uri);
  return { memory, record };
}

export class MemoryView implements vscode.TextDocumentContentProvider {
  constructor(private readonly memories: OpenMemories) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return memoryMarkdown((await locate(this.memories, uri)).record);
  }
}

export class MemoryEditor implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  constructor(
    private readonly memories: OpenMemories,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { record } = await locate(this.memories, uri);
    return { type: vscode.FileType.File, ctime: record.createdAt, mtime: record.updatedAt, size: Buffer.byteLength(editableMemory(record)) };
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return new TextEncoder().encode(editableMemory((await locate(this.memories, uri)).record));
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const { memory, record } = await locate(this.memories, uri);
    try {
      const edited = await memory.edit(record.id, parseEditedMemory(new TextDecoder().decode(content)));
      this.log.info(`memory: "${edited.title}" (${edited.scope}) edited`);
    } catch (error) {
      if (error instanceof MemoryInputError) throw new vscode.FileSystemError(`The memory was not changed: ${error.message}`);
      throw error;
    }
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }

  readDirectory(): never {
    throw vscode.FileSystemError.NoPermissions('Memories are opened one at a time, from Imperium: Manage Memories.');
  }

  createDirectory(): never {
    throw vscode.FileSystemError.NoPermissions('Memories are learned from workflows; they cannot be created as files.');
  }

  delete(): never {
    throw vscode.FileSystemError.NoPermissions('Delete a memory with Imperium: Manage Memories.');
  }

  rename(): never {
    throw vscode.FileSystemError.NoPermissions('A memory cannot be renamed as a file; edit its title instead.');
  }

  dispose(): void {
    this.changes.dispose();
  }
}
