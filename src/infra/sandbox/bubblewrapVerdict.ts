// That bubblewrap can make a sandbox on this machine, remembered in the person's cache folder so that
// each run does not start bwrap once more to find out (10 to 20 ms a run). Only "it can" is kept, and
// only for what decides it: the same bwrap binary (path, size, time, inode), kernel, user and
// user-namespace settings. "It cannot" is probed again every time, so a machine that gains a sandbox
// uses it at once; one that loses it (a sysctl the fingerprint does not cover) fails its next
// confined start as bwrap fails, and the caller probes again (runProcess).
import { readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { release } from 'node:os';
import { join } from 'node:path';
import { userCacheFolder } from '../userCacheFolder';

/** The settings that allow or forbid unprivileged user namespaces (absent ones read as empty). */
const USER_NAMESPACE_SETTINGS = ['/proc/sys/user/max_user_namespaces', '/proc/sys/kernel/unprivileged_userns_clone', '/proc/sys/kernel/apparmor_restrict_unprivileged_userns'];
const FILE = 'bubblewrap-verdict.json';

/** Whether bwrap at `binary` was found usable here, for the machine as it is now. */
export function rememberedUsable(binary: string, cacheFolder = userCacheFolder()): boolean {
  if (cacheFolder === undefined) return false;
  try {
    return readFileSync(join(cacheFolder, FILE), 'utf8') === fingerprint(binary);
  } catch {
    return false;
  }
}

export function rememberUsable(binary: string, cacheFolder = userCacheFolder()): void {
  if (cacheFolder === undefined) return;
  try {
    const temporary = join(cacheFolder, `${FILE}.${process.pid}.tmp`);
    writeFileSync(temporary, fingerprint(binary), { mode: 0o600 });
    renameSync(temporary, join(cacheFolder, FILE));
  } catch {
    // Not remembered: the next run probes again.
  }
}

export function forgetUsable(cacheFolder = userCacheFolder()): void {
  if (cacheFolder === undefined) return;
  try {
    unlinkSync(join(cacheFolder, FILE));
  } catch {
    // Nothing was remembered.
  }
}

function fingerprint(binary: string): string {
  const stats = statSync(binary);
  const settings = USER_NAMESPACE_SETTINGS.map((file) => {
    try {
      return readFileSync(file, 'utf8').trim();
    } catch {
      return '';
    }
  });
  return JSON.stringify({ binary, size: stats.size, mtimeMs: stats.mtimeMs, ino: stats.ino, kernel: release(), uid: process.getuid?.(), settings });
}
