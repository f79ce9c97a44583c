// One bounded walk of the workspace that says what a sandboxed run must not see or change there:
// its secret files and folders (blanked, hidden) and its installed packages and version control at
// any depth (read-only). The test-run snapshot skips exactly the read-only folders this walk finds,
// so what it does not look at is what a confined run cannot write.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Minimatch } from 'minimatch';
import { SECRET_FILE_GLOBS } from '../../core/workspace/secretFiles';

/** Inside the workspace, read-only even in a sandbox, at its root: state, version control, hooks, editor and CI settings, installed packages. */
export const READ_ONLY_AT_ROOT = ['.imperium', '.git', '.husky', '.vscode', '.github', '.gitlab-ci.yml', '.devcontainer', '.envrc', 'node_modules', 'package.json', 'package-lock.json'];
/** Folders read-only at any depth (installed packages, a nested repository's hooks and configuration); not searched further. */
const READ_ONLY_ANYWHERE = new Set(['node_modules', '.git']);
const SECRET_MATCHERS = SECRET_FILE_GLOBS.map((glob) => new Minimatch(glob, { dot: true, nocase: true, matchBase: true }));
/** Folders are looked at this deep and this many in all. */
const SCAN_DEPTH = 6;
const SCAN_FOLDERS = 2000;

export interface WorkspaceScan {
  /** Secret files (SECRET_FILE_GLOBS), absolute: blanked in the sandbox. */
  readonly blanked: string[];
  /** Secret folders (a .ssh or .aws), absolute: hidden behind an empty one. */
  readonly hiddenInside: string[];
  /**
   * Real folders named node_modules or .git, workspace-relative ('/'-separated): bound read-only in
   * the sandbox. A symlink of that name is not among them (it is seen, as a link, by the snapshot).
   */
  readonly readOnlyFolders: string[];
}

export async function scanWorkspace(root: string): Promise<WorkspaceScan> {
  const scan: WorkspaceScan = { blanked: [], hiddenInside: [], readOnlyFolders: [] };
  const queue: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: '', depth: 0 }];
  let searched = 0;
  for (let next = queue.shift(); next && searched < SCAN_FOLDERS; next = queue.shift()) {
    searched++;
    const entries = await readdir(next.dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const rel = next.rel ? `${next.rel}/${entry.name}` : entry.name;
      const absolute = join(next.dir, entry.name);
      const secret = SECRET_MATCHERS.some((matcher) => matcher.match(rel));
      if (secret && entry.isFile()) scan.blanked.push(absolute);
      else if (secret && entry.isDirectory()) scan.hiddenInside.push(absolute);
      else if (entry.isDirectory() && READ_ONLY_ANYWHERE.has(entry.name)) scan.readOnlyFolders.push(rel);
      else if (entry.isDirectory() && entry.name !== '.imperium' && next.depth < SCAN_DEPTH) queue.push({ dir: absolute, rel, depth: next.depth + 1 });
    }
  }
  return scan;
}
