// Bubblewrap (bwrap), the Linux sandbox Flatpak and Claude Code's sandbox use: the command line
// that confines one process, and whether this machine can run it at all (user namespaces can be
// disabled, as in some containers and under some AppArmor profiles, so presence alone is not enough).
import { spawn } from 'node:child_process';
import { constants, accessSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { forgetUsable, rememberUsable, rememberedUsable } from './bubblewrapVerdict';

export interface BubblewrapPlan {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** Folders the process may write: the workspace and the run's private folders. */
  readonly writable: readonly string[];
  /** Read-only again inside a writable folder (state, version control, hooks). */
  readonly readOnlyInside: readonly string[];
  /** Folders hidden behind an empty one (home folders; /run, /var/tmp and the other folders that hold host sockets). */
  readonly hidden: readonly string[];
  /** Shown read-only although inside a hidden folder (the Node binary's install, a framework's node_modules). */
  readonly readable: readonly string[];
  /** Writable again inside a read-only folder (bundler caches in node_modules): the run's own folder `from`, mounted at `at`. */
  readonly writableInside: readonly { readonly from: string; readonly at: string }[];
  /** Folders in the workspace hidden behind an empty one (a .ssh or .aws folder). */
  readonly hiddenInside: readonly string[];
  /** Files replaced by `blank` (secrets in the workspace). */
  readonly blanked: readonly string[];
  /** An empty file. */
  readonly blank: string;
  /** The private temporary folder: the sandbox's /tmp is empty but for it. */
  readonly tempRoot: string;
  readonly allowNetwork: boolean;
}

/** bwrap's arguments, in mount order: each later mount lies over the earlier ones. */
export function bubblewrapArgs(plan: BubblewrapPlan): string[] {
  const args = ['--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try'];
  if (!plan.allowNetwork) args.push('--unshare-net');
  args.push('--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp');
  for (const folder of plan.hidden) args.push('--tmpfs', folder);
  for (const path of plan.readable) args.push('--ro-bind-try', path, path);
  args.push('--bind', plan.tempRoot, plan.tempRoot);
  for (const folder of plan.writable) args.push('--bind', folder, folder);
  for (const path of plan.readOnlyInside) args.push('--ro-bind-try', path, path);
  for (const cache of plan.writableInside) args.push('--bind-try', cache.from, cache.at);
  for (const folder of plan.hiddenInside) args.push('--tmpfs', folder);
  for (const file of plan.blanked) args.push('--ro-bind-try', plan.blank, file);
  args.push('--chdir', plan.cwd, '--', plan.command, ...plan.args);
  return args;
}

/** Whether each bwrap binary (by path) can make a sandbox, found out once a process. */
const probes = new Map<string, Promise<boolean>>();

/**
 * The bwrap binary on the search path when it can make a sandbox here, else undefined: probed once a
 * process, and not at all while the cache folder remembers that it can (bubblewrapVerdict.ts).
 */
export async function usableBubblewrap(): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  const binary = onPath('bwrap');
  if (!binary) return undefined;
  let works = probes.get(binary);
  if (works === undefined) {
    works = rememberedUsable(binary) ? Promise.resolve(true) : probe(binary);
    probes.set(binary, works);
  }
  return (await works) ? binary : undefined;
}

/**
 * After a confined process ended as bwrap ends when it cannot make a sandbox (see
 * couldNotMakeSandbox): forgets what was remembered and probes again. True when bubblewrap still works
 * (the failure was the command's own, or a mount's), false when runs must now go unconfined.
 */
export async function bubblewrapStillUsable(): Promise<boolean> {
  forgetUsable();
  probes.clear();
  return (await usableBubblewrap()) !== undefined;
}

/** The way bwrap fails before it starts the command: exit code 1 and its own message, nothing else. */
export function couldNotMakeSandbox(exitCode: number | null, output: string): boolean {
  return exitCode === 1 && /^(?:bwrap: [^\n]*\n?)+$/.test(output);
}

async function probe(binary: string): Promise<boolean> {
  const works = await new Promise<boolean>((resolve) => {
    const child = spawn(binary, ['--die-with-parent', '--unshare-pid', '--unshare-net', '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--', 'true'], { stdio: 'ignore' });
    child.on('error', () => resolve(false));
    child.on('exit', (code) => resolve(code === 0));
  });
  if (works) rememberUsable(binary);
  return works;
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
