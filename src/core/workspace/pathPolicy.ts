// What a workspace path means and which ones agents may touch: one policy for every Workspace
// implementation (Node's fs headless, workspace.fs in VS Code), so the rules cannot drift apart.
import { Minimatch } from 'minimatch';
import { WorkspaceError } from '../ports';
import { normalizeWorkspacePath } from './workspacePath';
import { SECRET_FILE_GLOBS } from './secretFiles';

/**
 * Protected at any depth, for reading, listing and writing alike: version control, editor and CI
 * settings, installed dependencies, the extension's own state, and files that hold secrets by what
 * they are (private keys, registry and cloud credentials, environment files: SECRET_FILE_GLOBS).
 */
export const BUILT_IN_PROTECTED_GLOBS: readonly string[] = ['.git', '.vscode', '.github', 'node_modules', '.imperium', ...SECRET_FILE_GLOBS];

/**
 * The form protected globs are matched against: Unicode NFC, and each segment without the
 * trailing dots and spaces Windows ignores, so ".git." or ".GIT" (with case-insensitive matching)
 * cannot reach ".git" on file systems that treat them as the same name.
 */
function matchKey(path: string): string {
  // Most paths are plain ASCII with no segment ending in a dot or a space: their key is themselves.
  if (!/[^\x20-\x7e]|[. ](?:\/|$)/.test(path)) return path;
  return path
    .normalize('NFC')
    .split('/')
    .map((segment) => segment.replace(/[. ]+$/, '') || segment)
    .join('/');
}

export interface PathPolicyOptions {
  /**
   * More protected paths, as globs relative to the root (minimatch syntax). A glob without a '/'
   * matches a name at any depth ("*.pem"); protecting a folder protects everything in it.
   */
  readonly protectedGlobs?: readonly string[];
}

export class PathPolicy {
  private readonly matchers: readonly Minimatch[];

  constructor(options: PathPolicyOptions = {}) {
    const globs = [...BUILT_IN_PROTECTED_GLOBS, ...(options.protectedGlobs ?? []).map(cleanGlob)];
    this.matchers = globs.map((glob) => new Minimatch(glob, { dot: true, nocase: true, matchBase: true, nonegate: true }));
  }

  /** The glob that protects `path` (canonical form), or undefined when agents may use it. */
  protectedBy(path: string): string | undefined {
    const segments = matchKey(path).split('/');
    // Every ancestor is tried, so a protected folder covers all it contains.
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = segments.slice(0, depth).join('/');
      const matcher = this.matchers.find((candidate) => candidate.match(prefix));
      if (matcher) return matcher.pattern;
    }
    return undefined;
  }

  /**
   * The glob that protects `path` itself (canonical form), its ancestors not tried: for a walk
   * whose folders were checked on the way down.
   */
  protectsEntry(path: string): string | undefined {
    const key = matchKey(path);
    return this.matchers.find((candidate) => candidate.match(key))?.pattern;
  }

  /** Normalises `input` and refuses a protected path; returns the canonical path. */
  check(input: string): string {
    const path = normalizeWorkspacePath(input);
    const glob = path === '' ? undefined : this.protectedBy(path);
    if (glob !== undefined) {
      throw new WorkspaceError('protected', `"${path}" is protected (matches "${glob}"): agents may not read, list or change it.`);
    }
    return path;
  }
}

/** Accepts gitignore habits ("/dist", "secrets/") and refuses what could not mean a path. */
function cleanGlob(glob: string): string {
  const cleaned = glob.trim().replace(/^\/+/, '').replace(/\/+$/, '');
  if (cleaned === '' || cleaned === '**') throw new Error(`Protected path glob ${JSON.stringify(glob)} would protect everything or nothing.`);
  if (cleaned.startsWith('!')) throw new Error(`Protected path glob "${glob}" is a negation; a protected path cannot be un-protected.`);
  return cleaned;
}
