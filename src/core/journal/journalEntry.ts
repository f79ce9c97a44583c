// The write journal's vocabulary: what is recorded before a file changes, and what undoing returns.
import type { AgentRole } from '../../shared/agents';
import type { SkillUse } from '../../shared/superpowers';
import type { WriteOrigin } from '../ports';

/** One write or delete, recorded before it happens. */
export interface JournalWrite {
  readonly kind: 'write';
  /** Position in the journal, increasing; marks refer to it. */
  readonly seq: number;
  /** Epoch milliseconds. */
  readonly at: number;
  readonly workflowId: string;
  readonly taskId?: string;
  readonly agent: WriteOrigin['agent'];
  /** Workspace-relative, canonical: the file actually written (after following symlinks). */
  readonly path: string;
  readonly op: 'write' | 'delete';
  /** Whether the file existed before this write. */
  readonly existed: boolean;
  /** The bytes before, base64, when it existed: undo is byte-exact. */
  readonly before?: string;
  /** SHA-256 (hex) of the bytes written; absent for a delete and a symlink. Undo checks it to spot later edits. */
  readonly afterHash?: string;
  /** The path was a symbolic link with this target before (a test run replaced or removed it); `before` is then absent. */
  readonly beforeLink?: string;
  /** The write made the path a symbolic link with this target (a test run planted it); never followed. */
  readonly afterLink?: string;
  /** Folders this write had to create, outermost first; undo removes them again when empty. */
  readonly createdFolders?: readonly string[];
}

/** Records that writes were taken back, so they are not undone twice. */
export interface JournalRevert {
  readonly kind: 'revert';
  readonly seq: number;
  readonly at: number;
  readonly workflowId: string;
  readonly reverted: readonly number[];
}

/**
 * A skill an agent loaded (or one of its files it read, or a script of it that ran), recorded
 * beside the writes it may have led to: which skill, from where, with the hash of its content then.
 */
export interface JournalSkillUse extends SkillUse {
  readonly kind: 'skill';
  readonly seq: number;
  readonly at: number;
  readonly workflowId: string;
  readonly taskId?: string;
  readonly agent: AgentRole;
  /** The skill's file, relative to its folder; absent for SKILL.md itself. */
  readonly file?: string;
  /** `file` is a script of the skill, and it ran. */
  readonly ran?: true;
}

export type JournalEntry = JournalWrite | JournalRevert | JournalSkillUse;

/** What the runtime records each skill use in: the write journal. */
export interface SkillUseJournal {
  recordSkillUse(use: Omit<JournalSkillUse, 'kind' | 'seq' | 'at'>): Promise<JournalSkillUse>;
}

/** A point in the journal; `rollback` undoes what a workflow wrote after it. */
export interface JournalMark {
  readonly seq: number;
}

export interface UndoOptions {
  /** Restore even files changed since the workflow last wrote them (by a person, say). */
  readonly force?: boolean;
  /** Only these workspace-relative files (a person keeping some of a workflow's changes); default: all. */
  readonly paths?: readonly string[];
}

export interface UndoReport {
  /** Files put back to their earlier bytes. */
  readonly restored: readonly string[];
  /** Files the workflow had created, removed. */
  readonly deleted: readonly string[];
  /** Files left as they are, and why; their writes stay in the journal, so a forced undo can retry. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

/** A file the workflow touched, as it was before its first write. */
export interface TouchedFile {
  readonly path: string;
  /** Undefined when the workflow created the file, or when it was a symlink. */
  readonly before?: Uint8Array;
  /** It was a symbolic link with this target. */
  readonly beforeLink?: string;
  /** The workflow last made it a symbolic link with this target. */
  readonly afterLink?: string;
}

/**
 * The raw file operations undo needs. A Workspace implementation provides them with its path
 * checks, but without journalling: restoring is not itself a change to undo.
 */
export interface RestorableFiles {
  /** The file's bytes, or undefined when it does not exist. */
  readBytes(path: string): Promise<Uint8Array | undefined>;
  writeBytes(path: string, bytes: Uint8Array): Promise<void>;
  /** The target of `path` when it is itself a symbolic link (not followed), else undefined. */
  readLink(path: string): Promise<string | undefined>;
  /** Makes `path` a symbolic link to `target` (its folders created); nothing may be there. */
  writeLink(path: string, target: string): Promise<void>;
  /** Removes the file, or the symbolic link itself (never what it points to); nothing happens when it is already gone. */
  remove(path: string): Promise<void>;
  /** Removes the folder when it is empty; nothing happens otherwise. */
  removeFolderIfEmpty(path: string): Promise<void>;
}

/** How the orchestrator takes a workflow's file changes back (the checkpoint, the refactor rollback). */
export interface WorkflowUndo {
  mark(): Promise<JournalMark>;
  undo(workflowId: string, options?: UndoOptions): Promise<UndoReport>;
  rollback(workflowId: string, sinceMark: JournalMark, options?: UndoOptions): Promise<UndoReport>;
  touched(workflowId: string): Promise<TouchedFile[]>;
}
