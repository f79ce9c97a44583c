// The person's own cache folder for Imperium Flow: what can always be worked out again (the
// bubblewrap probe's verdict, V8's compiled code of the CLI's bundles) and is kept only to save time.
// A test run never writes it: the sandbox hides home folders, and an unconfined run can write
// anything the person can anyway. Nothing is cached where the folder is not safely the person's.
import { lstatSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

/**
 * `<cache>/imperium-flow`, created private (0700): $XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows. Undefined when it cannot be made, or when it
 * is a link, another user's, or writable by others (whoever can write it decides what runs).
 */
export function userCacheFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const base = cacheBase(env, platform);
  if (base === undefined) return undefined;
  const folder = join(base, 'imperium-flow');
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stats = lstatSync(folder);
    if (!stats.isDirectory()) return undefined;
    if (platform !== 'win32' && (stats.uid !== process.getuid?.() || (stats.mode & 0o022) !== 0)) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

function cacheBase(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): string | undefined {
  // The XDG specification: a relative path is invalid and ignored.
  const absolute = (path: string | undefined) => (path !== undefined && isAbsolute(path) ? path : undefined);
  if (platform === 'win32') return absolute(env.LOCALAPPDATA);
  const home = absolute(env.HOME) ?? absolute(homedir());
  if (platform === 'darwin') return home && join(home, 'Library', 'Caches');
  return absolute(env.XDG_CACHE_HOME) ?? (home && join(home, '.cache'));
}
