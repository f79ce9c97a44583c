// The files of a workspace folder at one moment, read straight from disk: what a test run changed is
// the difference between a snapshot before it and one after. Left out are only the folders a
// sandboxed run cannot write: the state folder, and the installed packages and version control
// folders the sandbox binds read-only (scanWorkspace). A symlink is kept as a link, by the text of its
// target, and never followed, so a run that plants one is seen planting it.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { scanWorkspace } from './sandbox/workspaceScan';

/** Bytes of one file kept, so it can be restored; larger files are kept as a hash only. */
const MAX_KEPT_FILE_BYTES = 4 * 1024 * 1024;
/** Bytes kept in all. */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;
/** Files looked at in all; a workspace with more is snapshotted only in part, and says so. */
const MAX_FILES = 20_000;

export interface SnapshotFile {
  /** SHA-256 (hex) of a file's bytes; `symlink:` and the target for a symlink (never equal to a file's). */
  readonly hash: string;
  /** Absent for a file over the size limits, and for a symlink. */
  readonly bytes?: Buffer;
  /** Set when the entry is a symbolic link: the text of its target, as written. */
  readonly link?: string;
}

export interface WorkspaceSnapshot {
  /** By workspace-relative, '/'-separated path. */
  readonly files: ReadonlyMap<string, SnapshotFile>;
  readonly folders: ReadonlySet<string>;
  /** The file limit was reached: changes beyond it go unseen. */
  readonly partial: boolean;
  /** Workspace-relative folders left out (read-only in the sandbox); a later snapshot leaves out the same. */
  readonly skipped: ReadonlySet<string>;
}

export interface SnapshotChange {
  readonly path: string;
  /** Absent when the file is new, or too large to have been kept, or was a symlink. */
  readonly before?: Buffer;
  /** The target of the symlink that was there before. */
  readonly beforeLink?: string;
  /** The target of the symlink that is there now. */
  readonly afterLink?: string;
  readonly existed: boolean;
  /** False when the run deleted the file. */
  readonly exists: boolean;
  /** Folders the new file's path needed, outermost first. */
  readonly createdFolders: readonly string[];
}

/**
 * `like`: an earlier snapshot whose left-out folders this one leaves out too (a folder a run created
 * with a read-only name was writable, so it is looked at).
 */
export async function snapshotWorkspace(root: string, like?: WorkspaceSnapshot): Promise<WorkspaceSnapshot> {
  const files = new Map<string, SnapshotFile>();
  const folders = new Set<string>();
  const skipped = like?.skipped ?? new Set(['.imperium', ...(await scanWorkspace(root)).readOnlyFolders]);
  let kept = 0;
  const queue = [''];
  for (let folder = queue.shift(); folder !== undefined; folder = queue.shift()) {
    const entries = await fs.readdir(join(root, folder), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) {
        if (skipped.has(path)) continue;
        folders.add(path);
        queue.push(path);
      } else if (entry.isSymbolicLink()) {
        if (files.size >= MAX_FILES) return { files, folders, partial: true, skipped };
        const link = await fs.readlink(join(root, path)).catch(() => undefined);
        if (link !== undefined) files.set(path, { hash: `symlink:${link}`, link });
      } else if (entry.isFile()) {
        if (files.size >= MAX_FILES) return { files, folders, partial: true, skipped };
        const bytes = await fs.readFile(join(root, path)).catch(() => undefined);
        if (bytes === undefined) continue;
        const keep = bytes.length <= MAX_KEPT_FILE_BYTES && kept + bytes.length <= MAX_KEPT_BYTES;
        if (keep) kept += bytes.length;
        files.set(path, { hash: createHash('sha256').update(bytes).digest('hex'), ...(keep && { bytes }) });
      }
    }
  }
  return { files, folders, partial: false, skipped };
}

/** What changed from `before` to `after`, in path order. */
export function changesBetween(before: WorkspaceSnapshot, after: WorkspaceSnapshot): SnapshotChange[] {
  const paths = [...new Set([...before.files.keys(), ...after.files.keys()])].sort();
  const changes: SnapshotChange[] = [];
  for (const path of paths) {
    const was = before.files.get(path);
    const now = after.files.get(path);
    if (was?.hash === now?.hash) continue;
    const segments = path.split('/');
    const createdFolders = was ? [] : segments.slice(0, -1).map((_, index) => segments.slice(0, index + 1).join('/')).filter((folder) => !before.folders.has(folder));
    changes.push({
      path,
      existed: was !== undefined,
      ...(was?.bytes && { before: was.bytes }),
      ...(was?.link !== undefined && { beforeLink: was.link }),
      exists: now !== undefined,
      ...(now?.link !== undefined && { afterLink: now.link }),
      createdFolders,
    });
  }
  return changes;
}
