// The write journal: every workspace write is recorded here before it happens, so a workflow's
// changes can be taken back byte for byte, whole (undo) or since a mark (rollback).
import { createHash } from 'node:crypto';
import type { AppendLog, Clock, WriteOrigin } from '../ports';
import type { JournalEntry, JournalMark, JournalSkillUse, JournalWrite, RestorableFiles, SkillUseJournal, TouchedFile, UndoOptions, UndoReport } from './journalEntry';

export interface JournalRecordInput {
  readonly origin: WriteOrigin;
  /** Workspace-relative, canonical. */
  readonly path: string;
  /** The file's bytes now; undefined when it does not exist yet. */
  readonly before: Uint8Array | undefined;
  /** The bytes about to be written; undefined for a delete and a symlink. */
  readonly after: Uint8Array | undefined;
  /** The path is a symbolic link with this target now (`before` is then undefined). */
  readonly beforeLink?: string;
  /** The path becomes a symbolic link with this target (`after` is then undefined). */
  readonly afterLink?: string;
  readonly createdFolders?: readonly string[];
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export class WriteJournal implements SkillUseJournal {
  private lastSeq: number | undefined;
  /** Journal operations run one at a time, so sequence numbers and reverts never interleave. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly log: AppendLog<JournalEntry>,
    private readonly clock: Pick<Clock, 'now'> = Date,
  ) {}

  /** Appends the entry for a write about to happen; resolves once it is in the log. */
  record(input: JournalRecordInput): Promise<JournalWrite> {
    return this.serialized(async () => {
      const seq = (await this.currentSeq()) + 1;
      const { origin, before, after, beforeLink, afterLink } = input;
      const entry: JournalWrite = {
        kind: 'write',
        seq,
        at: this.clock.now(),
        workflowId: origin.workflowId,
        ...(origin.taskId !== undefined && { taskId: origin.taskId }),
        agent: origin.agent,
        path: input.path,
        op: after === undefined && afterLink === undefined ? 'delete' : 'write',
        existed: before !== undefined || beforeLink !== undefined,
        ...(before !== undefined && { before: Buffer.from(before).toString('base64') }),
        ...(beforeLink !== undefined && { beforeLink }),
        ...(after !== undefined && { afterHash: contentHash(after) }),
        ...(afterLink !== undefined && { afterLink }),
        ...(input.createdFolders?.length && { createdFolders: input.createdFolders }),
      };
      await this.log.append(entry);
      this.lastSeq = seq;
      return entry;
    });
  }

  /** Appends a skill an agent used; it changes nothing on disk, so undo passes over it. */
  recordSkillUse(use: Omit<JournalSkillUse, 'kind' | 'seq' | 'at'>): Promise<JournalSkillUse> {
    return this.serialized(async () => {
      const seq = (await this.currentSeq()) + 1;
      const entry: JournalSkillUse = { kind: 'skill', seq, at: this.clock.now(), ...use };
      await this.log.append(entry);
      this.lastSeq = seq;
      return entry;
    });
  }

  /** The skills the workflow's agents used, in order. */
  skillUses(workflowId: string): Promise<JournalSkillUse[]> {
    return this.serialized(async () => (await this.log.readAll()).filter((entry): entry is JournalSkillUse => entry.kind === 'skill' && entry.workflowId === workflowId));
  }

  /** The journal's current position: `rollback` to it undoes only what is written afterwards. */
  mark(): Promise<JournalMark> {
    return this.serialized(async () => ({ seq: await this.currentSeq() }));
  }

  /** Takes back everything the workflow wrote that is not already undone. */
  undo(workflowId: string, files: RestorableFiles, options: UndoOptions = {}): Promise<UndoReport> {
    return this.serialized(() => this.revert(workflowId, 0, files, options));
  }

  /** Takes back what the workflow wrote after `sinceMark`, leaving earlier writes in place. */
  rollback(workflowId: string, sinceMark: JournalMark, files: RestorableFiles, options: UndoOptions = {}): Promise<UndoReport> {
    return this.serialized(() => this.revert(workflowId, sinceMark.seq, files, options));
  }

  /** The workflow's writes that are not undone, in order. */
  writes(workflowId: string): Promise<JournalWrite[]> {
    return this.serialized(() => this.activeWrites(workflowId));
  }

  /** Each file the workflow changed (and has not undone), as it was before the first change. */
  touched(workflowId: string): Promise<TouchedFile[]> {
    return this.serialized(async () => {
      const files: TouchedFile[] = [];
      for (const [path, writes] of groupByPath(await this.activeWrites(workflowId))) {
        const { beforeLink } = writes[0];
        const before = beforeLink === undefined ? originalBytes(writes[0]) : undefined;
        const { afterLink } = writes[writes.length - 1];
        files.push({ path, ...(before !== undefined && { before }), ...(beforeLink !== undefined && { beforeLink }), ...(afterLink !== undefined && { afterLink }) });
      }
      return files;
    });
  }

  private async revert(workflowId: string, afterSeq: number, files: RestorableFiles, options: UndoOptions): Promise<UndoReport> {
    const only = options.paths === undefined ? undefined : new Set(options.paths);
    const writes = (await this.activeWrites(workflowId)).filter((write) => write.seq > afterSeq && (only === undefined || only.has(write.path)));
    const report = { restored: [] as string[], deleted: [] as string[], skipped: [] as { path: string; reason: string }[] };
    const reverted: number[] = [];
    const createdFolders = new Set<string>();
    // Latest first, so a file is put back before anything created earlier around it.
    for (const [path, pathWrites] of [...groupByPath(writes)].reverse()) {
      try {
        const result = await this.restoreFile(path, pathWrites, files, options.force === true);
        if (typeof result === 'object') {
          report.skipped.push({ path, reason: result.skipped });
          continue;
        }
        if (result === 'restored') report.restored.push(path);
        if (result === 'deleted') report.deleted.push(path);
        reverted.push(...pathWrites.map((write) => write.seq));
        pathWrites.forEach((write) => write.createdFolders?.forEach((folder) => createdFolders.add(folder)));
      } catch (error) {
        report.skipped.push({ path, reason: `could not be restored: ${(error as Error).message}` });
      }
    }
    // Deepest first, so a parent is empty by the time it is tried.
    for (const folder of [...createdFolders].sort((a, b) => b.split('/').length - a.split('/').length)) {
      await files.removeFolderIfEmpty(folder).catch(() => undefined);
    }
    if (reverted.length > 0) {
      const seq = (await this.currentSeq()) + 1;
      await this.log.append({ kind: 'revert', seq, at: this.clock.now(), workflowId, reverted });
      this.lastSeq = seq;
    }
    return report;
  }

  private async restoreFile(
    path: string,
    writes: readonly JournalWrite[],
    files: RestorableFiles,
    force: boolean,
  ): Promise<'restored' | 'deleted' | 'unchanged' | { skipped: string }> {
    const first = writes[0];
    const original: EntryState = first.beforeLink !== undefined ? { link: first.beforeLink } : originalBytes(first);
    const currentLink = await files.readLink(path);
    const current: EntryState = currentLink !== undefined ? { link: currentLink } : await files.readBytes(path);
    if (sameState(current, original)) return 'unchanged';
    const last = writes[writes.length - 1];
    const asLastWritten =
      last.op === 'delete' ? current === undefined : last.afterLink !== undefined ? isLink(current) && current.link === last.afterLink : current !== undefined && !isLink(current) && contentHash(current) === last.afterHash;
    if (!asLastWritten && !force) {
      const what = current === undefined ? 'was deleted' : 'was changed';
      return { skipped: `it ${what} after the workflow last wrote it; undo with force to discard that change` };
    }
    // A symlink is taken away itself before anything is put in its place, so nothing is written through it.
    if (isLink(current) || (isLink(original) && current !== undefined)) await files.remove(path);
    if (original === undefined) {
      await files.remove(path);
      return 'deleted';
    }
    if (isLink(original)) await files.writeLink(path, original.link);
    else await files.writeBytes(path, original);
    return 'restored';
  }

  private async activeWrites(workflowId: string): Promise<JournalWrite[]> {
    const entries = (await this.log.readAll()).filter((entry) => entry.workflowId === workflowId);
    const reverted = new Set(entries.flatMap((entry) => (entry.kind === 'revert' ? entry.reverted : [])));
    return entries.filter((entry): entry is JournalWrite => entry.kind === 'write' && !reverted.has(entry.seq));
  }

  private async currentSeq(): Promise<number> {
    this.lastSeq ??= (await this.log.readAll()).reduce((max, entry) => Math.max(max, entry.seq), 0);
    return this.lastSeq;
  }

  private serialized<T>(job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

function groupByPath(writes: readonly JournalWrite[]): Map<string, JournalWrite[]> {
  const byPath = new Map<string, JournalWrite[]>();
  for (const write of writes) {
    const list = byPath.get(write.path);
    if (list) list.push(write);
    else byPath.set(write.path, [write]);
  }
  return byPath;
}

function originalBytes(write: JournalWrite): Uint8Array | undefined {
  return write.existed ? Buffer.from(write.before ?? '', 'base64') : undefined;
}

/** What is at a path: a file's bytes, a symbolic link, or nothing. */
type EntryState = Uint8Array | { readonly link: string } | undefined;

function isLink(state: EntryState): state is { readonly link: string } {
  return state !== undefined && !(state instanceof Uint8Array);
}

function sameState(a: EntryState, b: EntryState): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (isLink(a) || isLink(b)) return isLink(a) && isLink(b) && a.link === b.link;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}
