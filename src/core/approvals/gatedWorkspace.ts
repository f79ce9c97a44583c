// A Workspace whose writes and deletes pass through gates first: a person's review of the edit, a
// check that the user has no unsaved changes in the file. A gate refuses by throwing a
// WorkspaceError, which the agent reads as the tool's result; nothing is journalled or written then.
import type { JournalMark, TouchedFile, UndoOptions, UndoReport, WorkflowUndo } from '../journal/journalEntry';
import type { FileEntry, SearchOptions, TextMatch, Workspace, WriteOrigin } from '../ports';

export interface ProposedChange {
  /** Workspace-relative, as the writer gave it. */
  readonly path: string;
  /** The file's text now; undefined when it does not exist (or cannot be read as text). */
  readonly before: string | undefined;
  /** The text to be written; undefined for a delete. */
  readonly after: string | undefined;
  readonly origin: WriteOrigin;
}

/** Resolves to let the change through; throws a WorkspaceError to refuse it. */
export type WriteGate = (change: ProposedChange) => Promise<void>;

export class GatedWorkspace implements Workspace, WorkflowUndo {
  constructor(
    private readonly inner: Workspace & WorkflowUndo,
    private readonly gates: readonly WriteGate[],
  ) {}

  get root(): string {
    return this.inner.root;
  }

  list(dir?: string, options?: { readonly recursive?: boolean; readonly limit?: number }): Promise<FileEntry[]> {
    return this.inner.list(dir, options);
  }

  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }

  read(path: string): Promise<string> {
    return this.inner.read(path);
  }

  search(query: string, options?: SearchOptions): Promise<TextMatch[]> {
    return this.inner.search(query, options);
  }

  async write(path: string, content: string, origin: WriteOrigin): Promise<void> {
    await this.pass({ path, before: await this.currentText(path), after: content, origin });
    await this.inner.write(path, content, origin);
  }

  async delete(path: string, origin: WriteOrigin): Promise<void> {
    await this.pass({ path, before: await this.currentText(path), after: undefined, origin });
    await this.inner.delete(path, origin);
  }

  mark(): Promise<JournalMark> {
    return this.inner.mark();
  }

  undo(workflowId: string, options?: UndoOptions): Promise<UndoReport> {
    return this.inner.undo(workflowId, options);
  }

  rollback(workflowId: string, sinceMark: JournalMark, options?: UndoOptions): Promise<UndoReport> {
    return this.inner.rollback(workflowId, sinceMark, options);
  }

  touched(workflowId: string): Promise<TouchedFile[]> {
    return this.inner.touched(workflowId);
  }

  private async pass(change: ProposedChange): Promise<void> {
    for (const gate of this.gates) await gate(change);
  }

  /**
   * The file's text for the gates. A path the workspace refuses is left for the write itself to
   * refuse, with the workspace's own message, so the gates never ask about an impossible change.
   */
  private async currentText(path: string): Promise<string | undefined> {
    if (!(await this.inner.exists(path))) return undefined;
    return this.inner.read(path);
  }
}
