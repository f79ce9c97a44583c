// Files that make something run code when a person installs, commits, opens or loads the project:
// lifecycle scripts in a package manifest, git hook managers, dev containers, direnv, workspace
// files, CI configurations. A change to one reaches far beyond the confined test run, so an agent's
// change needs a person's approval of this named kind, never the Board's (codeRunningApproval.ts),
// a test run that changes one cannot be trusted (JournalledTestRunner), and the CSO flags it.
// Folders that run code and are refused to agents outright live in PathPolicy (.git, .vscode,
// .github); .git is named here too, for a test run that writes into a nested repository's.
import { Minimatch } from 'minimatch';

/** What makes a change to a file one that runs code, in words for a person and for the model. */
export interface CodeRunningChange {
  /** Workspace-relative, canonical. */
  readonly path: string;
  /** Completes "this file ...": "runs code when npm install runs (its \"postinstall\" script)". */
  readonly runsCode: string;
}

interface CodeRunningKind {
  readonly globs: readonly string[];
  readonly runsCode: string;
}

// Globs without a '/' match a name at any depth; a folder glob covers everything inside it.
const CODE_RUNNING_KINDS: readonly CodeRunningKind[] = [
  { globs: ['.husky', '.githooks', '.git-hooks', 'lefthook.yml', 'lefthook.yaml', '.lefthook.yml', '.lefthook.yaml', 'lefthook-local.yml', '.pre-commit-config.yaml', '.pre-commit-hooks.yaml', '.simple-git-hooks.*', '.lintstagedrc*', 'lint-staged.config.*'], runsCode: 'runs code when someone commits (a git hook)' },
  { globs: ['.git'], runsCode: 'runs code when someone runs git in that folder (its hooks and configuration)' },
  { globs: ['.devcontainer', '.devcontainer.json'], runsCode: 'runs code when the folder is opened in a dev container' },
  { globs: ['.envrc', '.env.nix'], runsCode: 'runs code when a shell enters the folder (direnv)' },
  { globs: ['*.code-workspace'], runsCode: 'runs code when the workspace is opened in the editor (its tasks and settings)' },
  {
    globs: ['.gitlab-ci.yml', '.gitlab-ci', '.circleci', '.travis.yml', 'azure-pipelines.yml', 'azure-pipelines', 'bitbucket-pipelines.yml', '.buildkite', '.drone.yml', 'Jenkinsfile', '.woodpecker', '.woodpecker.yml', 'appveyor.yml', '.appveyor.yml', '.gitea', '.forgejo', 'cloudbuild.yaml', 'cloudbuild.yml', 'buildspec.yml'],
    runsCode: 'runs code on the CI servers (a CI configuration)',
  },
  { globs: ['.pnpmfile.cjs', '.pnpmfile.mjs', '.yarnrc', 'bunfig.toml'], runsCode: 'runs code when dependencies are installed (a package manager hook or setting)' },
  { globs: ['setup.py'], runsCode: 'runs code when the package is installed (pip install)' },
  // npm runs `node-gyp rebuild` on install for a package with a binding.gyp and no install script; its `<!(...)` expansions run commands.
  { globs: ['binding.gyp'], runsCode: 'runs code when npm installs the package (node-gyp builds it and runs the commands it names)' },
];

/**
 * npm's lifecycle scripts: run by npm itself on install, publish and pack, without anyone naming
 * them. (Scripts run by name, such as "test", run only when someone asks for them.)
 */
export const LIFECYCLE_SCRIPTS: readonly string[] = [
  'preinstall',
  'install',
  'postinstall',
  'preuninstall',
  'uninstall',
  'postuninstall',
  'prepublish',
  'preprepare',
  'prepare',
  'postprepare',
  'prepublishOnly',
  'prepack',
  'postpack',
  'publish',
  'postpublish',
  'dependencies',
];

/** Built on first use: a few milliseconds that `imperium tests` spends while the tests run (prepareSecurityChecks). */
let kindMatchers: { readonly runsCode: string; readonly matchers: readonly Minimatch[] }[] | undefined;
const matchersOfKinds = () =>
  (kindMatchers ??= CODE_RUNNING_KINDS.map((kind) => ({
    runsCode: kind.runsCode,
    matchers: kind.globs.map((glob) => new Minimatch(glob, { dot: true, nocase: true, matchBase: true, nonegate: true })),
  })));

/** How a file runs code by what it is, whatever the change; undefined for files that do not. */
export function codeRunningFile(path: string): string | undefined {
  const segments = path.split('/');
  for (let depth = 1; depth <= segments.length; depth++) {
    const prefix = segments.slice(0, depth).join('/');
    const kind = matchersOfKinds().find((candidate) => candidate.matchers.some((matcher) => matcher.match(prefix)));
    if (kind) return kind.runsCode;
  }
  return undefined;
}

/**
 * Whether changing `path` from `before` to `after` (undefined: absent) makes something run code
 * beyond the confined test run. A package.json counts when its lifecycle scripts differ; the other
 * kinds whenever they change at all.
 */
export function codeRunningChange(path: string, before: string | undefined, after: string | undefined): CodeRunningChange | undefined {
  if (before === after) return undefined;
  const name = path.split('/').at(-1)?.toLowerCase();
  if (name === 'package.json') {
    const changed = changedLifecycleScripts(before, after);
    if (changed.length === 0) return undefined;
    const named = changed.map((script) => `"${script}"`).join(', ');
    return { path, runsCode: `runs code when npm installs, packs or publishes the package (its lifecycle script${changed.length > 1 ? 's' : ''} ${named})` };
  }
  const runsCode = codeRunningFile(path);
  return runsCode === undefined ? undefined : { path, runsCode };
}

/** The lifecycle scripts whose command differs between two versions of a package.json. */
export function changedLifecycleScripts(before: string | undefined, after: string | undefined): string[] {
  const old = lifecycleScripts(before);
  const now = lifecycleScripts(after);
  return LIFECYCLE_SCRIPTS.filter((script) => old.get(script) !== now.get(script));
}

/**
 * A manifest npm cannot parse runs no script, so it has none. A value that is not a string is kept
 * as its JSON, so replacing a string with an object still counts as a change.
 */
function lifecycleScripts(manifest: string | undefined): Map<string, string> {
  const scripts = new Map<string, string>();
  if (manifest === undefined) return scripts;
  let parsed: unknown;
  try {
    parsed = JSON.parse(manifest.replace(/^\uFEFF/, ''));
  } catch {
    return scripts;
  }
  const field = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>).scripts : undefined;
  if (field === null || typeof field !== 'object') return scripts;
  for (const script of LIFECYCLE_SCRIPTS) {
    const value = (field as Record<string, unknown>)[script];
    if (value !== undefined) scripts.set(script, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return scripts;
}
