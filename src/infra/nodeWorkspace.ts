// The Workspace port on Node's fs, over one root folder: the headless engine's and the tests' view
// of the files. Every path goes through the shared PathPolicy, then through realpath so a symlink
// cannot lead outside the root or into a protected folder; every change is journalled first and
// lands atomically (temp file, then rename), so a crash never leaves half a file.
import { randomUUID } from 'node:crypto';
import { constants, promises as fs, type Dirent } from 'node:fs';
import * as nodePath from 'node:path';
import type { JournalMark, RestorableFiles, TouchedFile, UndoOptions, UndoReport, WorkflowUndo } from '../core/journal/journalEntry';
import type { WriteJournal } from '../core/journal/writeJournal';
import { requireCodeRunningApproval } from '../core/approvals/codeRunningApproval';
import { type Approvals, WorkspaceError, type FileEntry, type SearchOptions, type TextMatch, type Workspace, type WriteOrigin } from '../core/ports';
import { GitignoreRules } from '../core/workspace/gitignoreRules';
import { PathPolicy } from '../core/workspace/pathPolicy';
import { normalizeWorkspacePath } from '../core/workspace/workspacePath';
import { compileQuery, looksBinary, matchLines } from '../core/workspace/textSearch';
import { ripgrepArguments, ripgrepCandidates, ripgrepRuns } from './ripgrepCandidates';
import { searchableText, TimeSlices } from './searchableText';

export interface NodeWorkspaceOptions {
  readonly journal: WriteJournal;
  readonly policy?: PathPolicy;
  /** Larger files are refused by read and write and skipped by search. Default 1 MiB. */
  readonly maxFileBytes?: number;
  /** How checked, journalled changes reach the disk. Default: atomic writes with Node's fs. */
  readonly writer?: FileWriter;
  /**
   * The ripgrep executable that narrows a literal search to the files that may match (results are
   * the same without it). Default "rg" from PATH; false never uses one.
   */
  readonly ripgrep?: string | false;
  /**
   * Who approves an agent's change to a file that runs code on install, commit or open
   * (core/workspace/codeRunningFiles.ts): a person, never the Board. Without it such changes are refused.
   */
  readonly approvals?: Approvals;
}

/**
 * Puts an agent's change on disk, after the path checks and the journal. The extension's writer goes
 * through WorkspaceEdit, so open editors follow and the editor's own undo works; it throws a
 * WorkspaceError to refuse (a document with unsaved changes, say), and the agent reads why.
 */
export interface FileWriter {
  /** `path` is workspace-relative, `absolute` where it lands on disk (symlinks followed). */
  write(absolute: string, bytes: Uint8Array, path: string): Promise<void>;
  delete(absolute: string, path: string): Promise<void>;
}

const FS_WRITER: FileWriter = {
  write: async (absolute, bytes, path) => {
    await fs.mkdir(nodePath.dirname(absolute), { recursive: true });
    await writeAtomically(absolute, bytes).catch((error: unknown) => {
      throw fsError(error, path);
    });
  },
  delete: async (absolute, path) => {
    await fs.unlink(absolute).catch((error: unknown) => {
      throw fsError(error, path);
    });
  },
};

const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
const DEFAULT_LIST_LIMIT = 1000;
const DEFAULT_SEARCH_LIMIT = 100;
/** A search gives the event loop a turn after this much synchronous reading. */
const SEARCH_SLICE_MS = 8;

/** Where a canonical workspace path lands on disk, symlinks followed. */
interface Location {
  /** Absolute path on disk. */
  readonly real: string;
  /** Workspace-relative path of `real`: what is journalled. */
  readonly path: string;
  readonly exists: boolean;
  /** Folders a write would have to create, workspace-relative, outermost first. */
  readonly missingFolders: readonly string[];
}

interface WalkedEntry extends FileEntry {
  readonly real: string;
  /** Reached through a symbolic link, which ripgrep does not follow. */
  readonly linked?: true;
}

export class NodeWorkspace implements Workspace, WorkflowUndo {
  private readonly policy: PathPolicy;
  private readonly journal: WriteJournal;
  private readonly maxFileBytes: number;
  private readonly writer: FileWriter;
  private readonly approvals: Approvals | undefined;
  /** Unset once it failed to start: a missing ripgrep is not looked for again. */
  private ripgrep: string | undefined;
  /** Undo restores through the same path checks, without journalling the restore. */
  private readonly restorable: RestorableFiles;

  private constructor(
    /** The root as given, for display. */
    readonly root: string,
    /** The root with symlinks resolved: what containment is checked against. */
    private readonly rootReal: string,
    options: NodeWorkspaceOptions,
  ) {
    this.policy = options.policy ?? new PathPolicy();
    this.journal = options.journal;
    this.maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
    this.writer = options.writer ?? FS_WRITER;
    this.approvals = options.approvals;
    this.ripgrep = options.ripgrep === false ? undefined : (options.ripgrep ?? 'rg');
    // Undo puts back what the journal recorded, in protected folders too (a test run's file in a
    // nested node_modules), but never through a symlink that leads out of the workspace.
    const journalled = { protectedAllowed: true };
    this.restorable = {
      readBytes: async (path) => {
        const location = await this.locate(path, journalled);
        return location.exists ? fs.readFile(location.real) : undefined;
      },
      writeBytes: async (path, bytes) => {
        const location = await this.locate(path, journalled);
        await fs.mkdir(nodePath.dirname(location.real), { recursive: true });
        await writeAtomically(location.real, bytes);
      },
      readLink: async (path) => {
        const entry = await this.entryItself(path);
        return entry === undefined ? undefined : fs.readlink(entry).catch(() => undefined);
      },
      writeLink: async (path, target) => {
        const { folder, name } = await this.folderOf(path);
        await fs.mkdir(folder.real, { recursive: true });
        await fs.symlink(target, nodePath.join(folder.real, name));
      },
      remove: async (path) => {
        const entry = await this.entryItself(path);
        if (entry !== undefined && (await fs.lstat(entry).catch(() => undefined))?.isDirectory() === false) await fs.unlink(entry);
      },
      removeFolderIfEmpty: async (path) => {
        const location = await this.locate(path, journalled);
        await fs.rmdir(location.real).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST' && error.code !== 'ENOENT') throw error;
        });
      },
    };
  }

  /** Opens the workspace at `root`, which must be an existing folder. */
  static async open(root: string, options: NodeWorkspaceOptions): Promise<NodeWorkspace> {
    const absolute = nodePath.resolve(root);
    const rootReal = await fs.realpath(absolute).catch(() => {
      throw new Error(`The workspace root ${absolute} does not exist.`);
    });
    if (!(await fs.stat(rootReal)).isDirectory()) throw new Error(`The workspace root ${absolute} is not a folder.`);
    return new NodeWorkspace(absolute, rootReal, options);
  }

  // ------------------------------------------------------------------ Workspace

  async list(dir = '', options: { readonly recursive?: boolean; readonly limit?: number } = {}): Promise<FileEntry[]> {
    const start = await this.folder(dir);
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    const entries: FileEntry[] = [];
    for await (const entry of this.walk(start, options.recursive === true)) {
      if (entries.length >= limit) break;
      if (entry.kind === 'directory') {
        entries.push({ path: entry.path, kind: entry.kind });
        continue;
      }
      const size = entry.size ?? (await fs.stat(entry.real).then((stats) => (stats.isFile() ? stats.size : undefined), () => undefined));
      if (size !== undefined) entries.push({ path: entry.path, kind: entry.kind, size });
    }
    return entries;
  }

  async exists(path: string): Promise<boolean> {
    return (await this.locate(path)).exists;
  }

  async read(path: string): Promise<string> {
    const location = await this.existingFile(path);
    const stats = await fs.stat(location.real);
    if (stats.size > this.maxFileBytes) {
      throw new WorkspaceError('too-large', `"${location.path}" is ${stats.size} bytes, over the ${this.maxFileBytes}-byte limit for reading a file.`, stats.size);
    }
    const bytes = await fs.readFile(location.real);
    if (looksBinary(bytes)) throw new WorkspaceError('refused', `"${location.path}" is a binary file; only text files can be read.`);
    try {
      // Fatal: text that is not UTF-8 would come back altered from an edit. The BOM is kept, so it survives one.
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      throw new WorkspaceError('refused', `"${location.path}" is not UTF-8 text; only UTF-8 files can be read and edited.`);
    }
  }

  async search(query: string, options: SearchOptions = {}): Promise<TextMatch[]> {
    const matches = compileQuery(query, options);
    const start = await this.folder(options.under ?? '');
    const limit = options.limit ?? DEFAULT_SEARCH_LIMIT;
    const found: TextMatch[] = [];
    const rgArgs = this.ripgrep === undefined ? undefined : ripgrepArguments(query, options);
    let candidates: Set<string> | undefined;
    let entries: AsyncIterable<WalkedEntry> | Iterable<WalkedEntry> = this.walk(start, true);
    if (this.ripgrep !== undefined && rgArgs !== undefined) {
      // ripgrep's pass and the walk run side by side; the walk keeps the order and the path checks.
      const walked: WalkedEntry[] = [];
      const walking = (async () => {
        for await (const entry of this.walk(start, true)) walked.push(entry);
      })();
      [candidates] = await Promise.all([ripgrepCandidates(this.ripgrep, start.real, rgArgs), walking]);
      if (candidates === undefined && !(await ripgrepRuns(this.ripgrep))) this.ripgrep = undefined;
      entries = walked;
    }
    // Files are read synchronously in walk order (a promise per file costs more than reading it),
    // giving the event loop a turn every SEARCH_SLICE_MS; results and the cut at `limit` follow the walk.
    const slices = new TimeSlices(SEARCH_SLICE_MS);
    for await (const entry of entries) {
      if (entry.kind !== 'file' || (candidates !== undefined && entry.linked !== true && !candidates.has(entry.real))) continue;
      const text = searchableText(entry.real, this.maxFileBytes, matches);
      if (text !== undefined) found.push(...matchLines(entry.path, text, matches, limit - found.length));
      if (found.length >= limit) return found;
      await slices.yieldWhenDue();
    }
    return found;
  }

  async write(path: string, content: string, origin: WriteOrigin): Promise<void> {
    const location = await this.locate(path);
    if (location.path === '') throw new WorkspaceError('not-a-file', 'The workspace root is a folder, not a file.');
    refuseByGuard(origin, path, location.path);
    let before: Buffer | undefined;
    if (location.exists) {
      if ((await fs.stat(location.real)).isDirectory()) throw new WorkspaceError('not-a-file', `"${location.path}" is a folder, not a file.`);
      before = await fs.readFile(location.real);
    } else {
      await this.refuseFileAsFolder(location);
    }
    const after = Buffer.from(content, 'utf8');
    // Writes are capped like reads: a file too large to read back is too large to review, diff or undo.
    if (after.length > this.maxFileBytes) {
      throw new WorkspaceError('too-large', `The new "${location.path}" would be ${after.length} bytes, over the ${this.maxFileBytes}-byte limit for a file; write smaller files.`);
    }
    await requireCodeRunningApproval({ path: location.path, before: before?.toString('utf8'), after: content, origin }, this.approvals);
    await this.journal.record({ origin, path: location.path, before, after, createdFolders: location.missingFolders });
    await this.writer.write(location.real, after, location.path);
  }

  async delete(path: string, origin: WriteOrigin): Promise<void> {
    const location = await this.existingFile(path);
    refuseByGuard(origin, path, location.path);
    const before = await fs.readFile(location.real);
    await requireCodeRunningApproval({ path: location.path, before: before.toString('utf8'), after: undefined, origin }, this.approvals);
    await this.journal.record({ origin, path: location.path, before, after: undefined });
    await this.writer.delete(location.real, location.path);
  }

  // ------------------------------------------------------------------ WorkflowUndo

  mark(): Promise<JournalMark> {
    return this.journal.mark();
  }

  undo(workflowId: string, options?: UndoOptions): Promise<UndoReport> {
    return this.journal.undo(workflowId, this.restorable, options);
  }

  rollback(workflowId: string, sinceMark: JournalMark, options?: UndoOptions): Promise<UndoReport> {
    return this.journal.rollback(workflowId, sinceMark, this.restorable, options);
  }

  touched(workflowId: string): Promise<TouchedFile[]> {
    return this.journal.touched(workflowId);
  }

  // ------------------------------------------------------------------ paths

  /**
   * Checks `input` against the policy, then finds where it lands: the deepest existing ancestor is
   * resolved with realpath, and must stay inside the root and out of protected folders.
   */
  private async locate(input: string, options: { readonly protectedAllowed?: boolean } = {}): Promise<Location> {
    const path = options.protectedAllowed ? normalizeWorkspacePath(input) : this.policy.check(input);
    const segments = path === '' ? [] : path.split('/');
    let depth = segments.length;
    let real: string | undefined;
    while (real === undefined) {
      const candidate = nodePath.join(this.rootReal, ...segments.slice(0, depth));
      try {
        real = await fs.realpath(candidate);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fsError(error, path);
        if (await isSymlink(candidate)) {
          throw new WorkspaceError('refused', `"${segments.slice(0, depth).join('/')}" is a symbolic link to something that does not exist.`);
        }
        depth--;
      }
    }
    const fromRoot = nodePath.relative(this.rootReal, real);
    if (fromRoot === '..' || fromRoot.startsWith(`..${nodePath.sep}`) || nodePath.isAbsolute(fromRoot)) {
      throw new WorkspaceError('outside-root', `"${path}" leads through a symbolic link to outside the workspace.`);
    }
    const resolvedSegments = [...(fromRoot === '' ? [] : fromRoot.split(nodePath.sep)), ...segments.slice(depth)];
    const resolved = resolvedSegments.join('/');
    if (resolved !== path && !options.protectedAllowed) {
      const glob = this.policy.protectedBy(resolved);
      if (glob !== undefined) {
        throw new WorkspaceError('protected', `"${path}" leads through a symbolic link to "${resolved}", which is protected (matches "${glob}").`);
      }
    }
    const existingDepth = resolvedSegments.length - (segments.length - depth);
    const missingFolders: string[] = [];
    for (let index = existingDepth + 1; index < resolvedSegments.length; index++) missingFolders.push(resolvedSegments.slice(0, index).join('/'));
    return {
      real: nodePath.join(real, ...segments.slice(depth)),
      path: resolved,
      exists: depth === segments.length,
      missingFolders,
    };
  }

  /**
   * Where the journalled entry at `input` is on disk, its folder resolved (inside the workspace) but
   * not the entry itself, so a symlink is the link; undefined when its folder does not exist.
   */
  private async entryItself(input: string): Promise<string | undefined> {
    const { folder, name } = await this.folderOf(input);
    return folder.exists ? nodePath.join(folder.real, name) : undefined;
  }

  /** The journalled entry's folder, located (protected ones allowed), and its own name. */
  private async folderOf(input: string): Promise<{ folder: Location; name: string }> {
    const path = normalizeWorkspacePath(input);
    const slash = path.lastIndexOf('/');
    return { folder: await this.locate(slash === -1 ? '' : path.slice(0, slash), { protectedAllowed: true }), name: path.slice(slash + 1) };
  }

  private async existingFile(input: string): Promise<Location> {
    const location = await this.locate(input);
    if (!location.exists) throw new WorkspaceError('not-found', `"${location.path}" does not exist.`);
    if ((await fs.stat(location.real)).isDirectory()) throw new WorkspaceError('not-a-file', `"${location.path}" is a folder, not a file.`);
    return location;
  }

  private async folder(input: string): Promise<WalkedEntry> {
    const location = await this.locate(input);
    if (!location.exists) throw new WorkspaceError('not-found', `The folder "${location.path}" does not exist.`);
    if (!(await fs.stat(location.real)).isDirectory()) throw new WorkspaceError('not-a-file', `"${location.path}" is a file, not a folder.`);
    return { path: location.path, kind: 'directory', real: location.real };
  }

  /** Creating "a/b" fails when "a" is a file; say so instead of surfacing ENOTDIR. */
  private async refuseFileAsFolder(location: Location): Promise<void> {
    const firstMissing = location.missingFolders[0] ?? location.path;
    const parent = nodePath.posix.dirname(firstMissing);
    if (parent === '.') return;
    const stats = await fs.stat(nodePath.join(this.rootReal, ...parent.split('/'))).catch(() => undefined);
    if (stats && !stats.isDirectory()) throw new WorkspaceError('not-a-file', `"${parent}" is a file, so "${location.path}" cannot be created.`);
  }

  /**
   * Breadth first, so a limited listing shows the top of the tree. Skips protected and
   * git-ignored entries and symlinks that lead out; does not descend into symlinked folders,
   * which could loop.
   */
  private async *walk(start: WalkedEntry, recursive: boolean): AsyncGenerator<WalkedEntry> {
    const queue: { folder: WalkedEntry; rules: GitignoreRules }[] = [{ folder: start, rules: await this.rulesAbove(start.path) }];
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const dirents = await fs.readdir(next.folder.real, { withFileTypes: true }).catch(() => [] as Dirent[]);
      // The listing says whether there is a .gitignore: no probe for one in every folder.
      const rules = dirents.some((dirent) => dirent.name === '.gitignore') ? await withGitignoreOf(next.folder, next.rules) : next.rules;
      dirents.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const dirent of dirents) {
        const path = next.folder.path === '' ? dirent.name : `${next.folder.path}/${dirent.name}`;
        // The folder itself passed the policy, so only this entry's own path can be protected.
        if (this.policy.protectsEntry(path) !== undefined) continue;
        const entry = await this.walkedEntry(path, `${next.folder.real}${nodePath.sep}${dirent.name}`, dirent);
        if (entry === undefined || rules.ignores(path, entry.kind === 'directory')) continue;
        yield entry;
        if (recursive && entry.kind === 'directory' && !dirent.isSymbolicLink()) queue.push({ folder: entry, rules });
      }
    }
  }

  /** The entry as the walk yields it: the directory entry's type is trusted, only a symlink is followed. */
  private async walkedEntry(path: string, real: string, dirent: Dirent): Promise<WalkedEntry | undefined> {
    if (dirent.isFile()) return { path, kind: 'file', real };
    if (dirent.isDirectory()) return { path, kind: 'directory', real };
    // Sockets, fifos and devices are nothing an agent reads.
    if (!dirent.isSymbolicLink()) return undefined;
    try {
      await this.locate(path);
      const stats = await fs.stat(real);
      if (stats.isDirectory()) return { path, kind: 'directory', real, linked: true };
      return stats.isFile() ? { path, kind: 'file', size: stats.size, real, linked: true } : undefined;
    } catch {
      return undefined; // a link that leads out or into a protected folder, or an entry gone meanwhile
    }
  }

  /** The .gitignore rules of the folders above `path`, so listing a subfolder ignores what git would. */
  private async rulesAbove(path: string): Promise<GitignoreRules> {
    let rules = GitignoreRules.none;
    const segments = path === '' ? [] : path.split('/');
    for (let depth = 0; depth < segments.length; depth++) {
      const folder = segments.slice(0, depth).join('/');
      rules = await withGitignoreOf({ path: folder, kind: 'directory', real: nodePath.join(this.rootReal, ...segments.slice(0, depth)) }, rules);
    }
    return rules;
  }
}

async function withGitignoreOf(folder: WalkedEntry, rules: GitignoreRules): Promise<GitignoreRules> {
  const text = await fs.readFile(nodePath.join(folder.real, '.gitignore'), 'utf8').catch(() => undefined);
  return text === undefined ? rules : rules.with(folder.path, text);
}

async function isSymlink(path: string): Promise<boolean> {
  const stats = await fs.lstat(path).catch(() => undefined);
  return stats?.isSymbolicLink() === true;
}

/**
 * Writes beside the target and renames over it: readers see the old bytes or the new, never half.
 * An existing file keeps its permissions (an executable script stays executable).
 */
async function writeAtomically(target: string, bytes: Uint8Array): Promise<void> {
  const mode = await fs.stat(target).then(
    (stats) => stats.mode & 0o7777,
    () => undefined,
  );
  const temp = nodePath.join(nodePath.dirname(target), `.${nodePath.basename(target)}.${randomUUID().slice(0, 8)}.imperium-tmp`);
  try {
    const handle = await fs.open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, mode ?? 0o666);
    try {
      await handle.writeFile(bytes);
      if (mode !== undefined) await handle.chmod(mode);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/** Turns an fs failure into a WorkspaceError whose message the model can act on. */
function fsError(error: unknown, path: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new WorkspaceError('not-found', `"${path}" does not exist.`);
  if (code === 'EISDIR') return new WorkspaceError('not-a-file', `"${path}" is a folder, not a file.`);
  if (code === 'ENOTDIR') return new WorkspaceError('not-a-file', `A part of "${path}" is a file, not a folder.`);
  if (code === 'EACCES' || code === 'EPERM') return new WorkspaceError('refused', `Permission denied for "${path}".`);
  if (code === 'ENAMETOOLONG') return new WorkspaceError('refused', `"${path}" is too long a path for this file system.`);
  return error instanceof Error ? error : new Error(String(error));
}

/** The writer's guard, on the file that would really change (which a symlink may make another). */
function refuseByGuard(origin: WriteOrigin, asWritten: string, actual: string): void {
  const reason = origin.guard?.(actual);
  if (reason !== undefined) {
    const via = actual === asWritten ? '' : ` ("${asWritten}" leads there through a symbolic link)`;
    throw new WorkspaceError('refused', `Refused to write "${actual}"${via}: ${reason}`);
  }
}
