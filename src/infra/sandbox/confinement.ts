// How a process an agent starts is confined: under bubblewrap where this machine has it (writes only
// in the workspace and a private temporary folder, home folders, host socket folders and the
// machine's other secrets (hostSecrets.ts) hidden,
// secret files in the workspace blanked, state and hook folders read-only, no network unless
// allowed, dies with its parent), else unconfined but with the same scrubbed environment and private HOME, and saying so.
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { existsSync, realpathSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import type { RunConfinement } from '../../shared/testResults';
import { bubblewrapArgs, usableBubblewrap } from './bubblewrap';
import { isSecretName } from '../../core/secretNames';
import { scrubbedEnvironment } from './scrubbedEnvironment';
import { hostSecrets, NEEDED_FILES } from './hostSecrets';
import { neededFrom, socketFolders } from './socketFolders';
import { READ_ONLY_AT_ROOT, scanWorkspace } from './workspaceScan';
import { userCacheFolder } from '../userCacheFolder';

export interface SandboxPolicy {
  /** The person allowed network access for this workflow's runs. Default: none. */
  readonly allowNetwork?: boolean;
}

export interface ConfinedCommand {
  readonly command: string;
  readonly args: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly confinement: RunConfinement;
  /** Removes the private temporary folder. */
  dispose(): Promise<void>;
}

export interface ConfineRequest {
  readonly command: string;
  readonly args: readonly string[];
  /** The workspace root: the process's working folder and the one folder of the person's it may write. */
  readonly cwd: string;
  /** The runner's environment; scrubbed again here, whoever built it. */
  readonly env?: NodeJS.ProcessEnv;
  /** Imperium's own folders for the run (reporter, records), writable. */
  readonly privateDirs?: readonly string[];
  readonly policy?: SandboxPolicy;
  /** The workspace stays read-only too: only the private folders are writable (a skill's script). */
  readonly readOnlyWorkspace?: boolean;
  /** Refuse to start at all where no sandbox is available, instead of running with a scrubbed environment only. */
  readonly sandboxRequired?: boolean;
}

/** A process that must run confined, on a machine that cannot confine it. */
export class SandboxUnavailableError extends Error {
  override readonly name = 'SandboxUnavailableError';
}

/**
 * Cache folders inside a read-only node_modules that bundlers must write (vite's bundled configuration):
 * each run writes a fresh, empty one of its own, so nothing it leaves there outlives it unseen.
 */
const NODE_MODULES_CACHES = ['.vite', '.vite-temp', '.cache'];
/** Version managers in a home folder whose whole folder a program from them needs (a pyenv shim runs pyenv). */
const TOOL_ROOTS = ['.pyenv', '.nvm', '.volta', '.asdf', '.rbenv', '.cargo', '.rustup', '.bun', '.deno', '.fnm'];

export async function confine(request: ConfineRequest): Promise<ConfinedCommand> {
  const tempRoot = await realpath(await mkdtemp(join(tmpdir(), 'imperium-run-')));
  const home = join(tempRoot, 'home');
  const temp = join(tempRoot, 'tmp');
  const blank = join(tempRoot, 'blank');
  await mkdir(home);
  await mkdir(temp);
  await writeFile(blank, '', { mode: 0o444 });
  const dispose = () => rm(tempRoot, { recursive: true, force: true });
  const env = environmentOf(request.env, home, temp);
  const allowNetwork = request.policy?.allowNetwork === true;
  const bwrap = await usableBubblewrap();
  if (!bwrap && request.sandboxRequired) {
    await dispose();
    throw new SandboxUnavailableError(`${request.command} was not started: it runs only confined, and ${confinementOf(false, allowNetwork).note.replace(/^NOT confined: /, '').split(';')[0]}`);
  }
  if (!bwrap) return { command: request.command, args: request.args, env, confinement: confinementOf(false, allowNetwork), dispose };
  const command = absoluteCommand(request.command, env.PATH);
  // A program that is not there fails to start as itself, not as a sandbox that could not exec it.
  if (!existsSync(command)) return { command: request.command, args: request.args, env, confinement: { confined: false, network: false, note: 'not started' }, dispose };
  try {
    const cwd = await realpath(request.cwd);
    const sockets = await socketFolders();
    const host = await hostSecrets();
    const hidden = [...hiddenFolders(), ...host.folders, ...sockets];
    // The sandbox's /tmp is empty too: a framework found in a node_modules under it must be shown again,
    // and so must the node_modules of the folders above the workspace (a monorepo's), where Node resolves packages.
    const emptied = [...hidden, await realpath(tmpdir())];
    const readOnly = request.readOnlyWorkspace === true;
    // A read-only workspace inside a hidden home folder is shown again, read-only.
    const readable = [
      ...(await readableUnder(emptied, [command, ...request.args])),
      ...ancestorNodeModules(cwd, emptied),
      ...(await neededFrom(hidden, NEEDED_FILES)),
      ...(readOnly ? [cwd] : []),
    ];
    const writable = [...(readOnly ? [] : [cwd]), ...(request.privateDirs ?? [])];
    const caches = readOnly ? [] : await nodeModulesCaches(cwd, tempRoot);
    const scan = await scanWorkspace(cwd);
    const args = bubblewrapArgs({
      command,
      args: request.args,
      cwd,
      writable,
      readOnlyInside: [...READ_ONLY_AT_ROOT.map((name) => join(cwd, name)).filter((path) => existsSync(path)), ...scan.readOnlyFolders.map((rel) => join(cwd, rel))],
      writableInside: caches,
      hidden,
      readable,
      blanked: [...host.files, ...scan.blanked],
      hiddenInside: [...scan.hiddenInside, ...cacheFolderIn(cwd)],
      blank,
      tempRoot,
      allowNetwork,
    });
    return { command: bwrap, args, env, confinement: confinementOf(true, allowNetwork), dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/**
 * The person's cache folder when it lies in the workspace (an $XDG_CACHE_HOME there), hidden from
 * the run: it holds code the CLI runs and the verdict that runs can be confined. Elsewhere it is in a
 * hidden home folder or a read-only one already.
 */
function cacheFolderIn(cwd: string): string[] {
  const folder = userCacheFolder();
  if (folder === undefined) return [];
  const real = realpathSync(folder);
  return real === cwd || real.startsWith(cwd + sep) ? [real] : [];
}

/** How test runs on this machine will be confined under `policy`: for the banner a person reads before a run. */
export async function expectedConfinement(policy: SandboxPolicy = {}): Promise<RunConfinement> {
  return confinementOf((await usableBubblewrap()) !== undefined, policy.allowNetwork === true);
}

function confinementOf(sandboxed: boolean, allowNetwork: boolean): RunConfinement {
  if (sandboxed) {
    const note = `confined by bubblewrap: writes only in the workspace and a temporary folder, home folders and the machine's secrets hidden, ${allowNetwork ? 'network allowed' : 'no network'}`;
    return { confined: true, by: 'bubblewrap', network: allowNetwork, note };
  }
  const why =
    process.platform === 'win32' || process.platform === 'darwin'
      ? `there is no sandbox for ${process.platform === 'win32' ? 'Windows' : 'macOS'} yet`
      : 'bubblewrap (bwrap) is not installed or cannot create a sandbox here (apt-get install bubblewrap)';
  return { confined: false, network: true, note: `NOT confined: ${why}; the environment is scrubbed and HOME is a temporary folder, but test code can read and write what you can` };
}

/** The runner's variables, with every key-bearing name dropped, over the allowlist, with a private HOME and temp. */
function environmentOf(given: NodeJS.ProcessEnv | undefined, home: string, temp: string): NodeJS.ProcessEnv {
  const base = scrubbedEnvironment({ home, temp });
  const extra: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(given ?? {})) {
    if (value !== undefined && !isSecretName(name) && !(name in base)) extra[name] = value;
  }
  // The allowlisted ones come from the given environment too, where it set them (a runner's PATH).
  for (const name of Object.keys(base)) if (given?.[name] !== undefined && !['HOME', 'USERPROFILE', 'TMPDIR', 'TMP', 'TEMP'].includes(name)) base[name] = given[name];
  return { ...extra, ...base };
}

/** Home folders, hidden behind empty ones: where keys, tokens and shell histories live. */
function hiddenFolders(): string[] {
  const folders = new Set<string>();
  for (const folder of [homedir(), '/root', '/home']) if (folder && existsSync(folder) && folder !== '/') folders.add(folder);
  return [...folders];
}

function absoluteCommand(command: string, path: string | undefined): string {
  if (isAbsolute(command)) return command;
  for (const dir of (path ?? '').split(delimiter)) {
    const candidate = join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return command;
}

/**
 * What a run needs from inside the hidden folders: the installation of the program (a Node under
 * ~/.nvm: its prefix) and of every file named on the command line (a framework in node_modules:
 * the whole node_modules, which its dependencies are in).
 */
async function readableUnder(hidden: readonly string[], paths: readonly string[]): Promise<string[]> {
  const readable = new Set<string>();
  for (const path of paths) {
    if (!isAbsolute(path) || !existsSync(path)) continue;
    for (const candidate of new Set([resolve(path), await realpath(path).catch(() => resolve(path))])) {
      const home = hidden.find((folder) => candidate === folder || candidate.startsWith(folder + sep));
      if (home === undefined) continue;
      const tool = candidate.slice(home.length + 1).split(sep)[0];
      readable.add(TOOL_ROOTS.includes(tool) ? join(home, tool) : installationOf(candidate));
    }
  }
  return [...readable];
}

function installationOf(path: string): string {
  const modules = path.indexOf(`${sep}node_modules${sep}`);
  if (modules !== -1) return path.slice(0, modules + `${sep}node_modules`.length);
  const parent = dirname(path);
  return parent.endsWith(`${sep}bin`) ? dirname(parent) : parent;
}

/** The node_modules folders above `cwd` that lie in a folder the sandbox empties. */
function ancestorNodeModules(cwd: string, emptied: readonly string[]): string[] {
  const found: string[] = [];
  for (let dir = dirname(cwd); dirname(dir) !== dir; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (emptied.some((folder) => modules.startsWith(folder + sep)) && existsSync(modules)) found.push(modules);
  }
  return found;
}

/**
 * The cache folders of every node_modules from the workspace up (created, as the bundler would, to
 * mount over), each with an empty private folder of the run's to stand in for it.
 */
async function nodeModulesCaches(cwd: string, tempRoot: string): Promise<{ from: string; at: string }[]> {
  const caches: { from: string; at: string }[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    const modules = join(dir, 'node_modules');
    if (existsSync(modules)) {
      for (const name of NODE_MODULES_CACHES) {
        const cache = join(modules, name);
        if (!(await mkdir(cache, { recursive: true }).then(() => true, () => false))) continue;
        const own = join(tempRoot, 'caches', String(caches.length));
        await mkdir(own, { recursive: true });
        caches.push({ from: own, at: cache });
      }
    }
    if (dirname(dir) === dir) return caches;
  }
}
