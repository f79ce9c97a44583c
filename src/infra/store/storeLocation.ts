// Where a store may live: inside the folder it belongs to, reached through real folders only. A
// workspace is untrusted, so its `.imperium` (or any folder or file in it) may be a symbolic link
// that would send every state, journal and memory write somewhere else (the home folder, another
// project); such a store is refused with a clear error before anything is written.
import { lstat, readdir, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** The store's folder is not where it must be; the message says what to do. */
export class StoreLocationError extends Error {
  override readonly name = 'StoreLocationError';
}

/** Whether `folder` lies strictly inside `container` (by path; links are what checkStoreLocation looks for). */
export function liesInside(folder: string, container: string): boolean {
  const rel = relative(resolve(container), resolve(folder));
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Refuses `folder` unless it lies inside `container` with no symbolic link on the way, and holds none at its top. */
export async function checkStoreLocation(folder: string, container: string): Promise<void> {
  const root = resolve(container);
  const target = resolve(folder);
  const rel = relative(root, target);
  if (!liesInside(target, root)) throw new StoreLocationError(`The state folder ${target} is not inside ${root}.`);
  let current = root;
  for (const segment of rel.split(sep)) {
    current = join(current, segment);
    const stats = await lstat(current).catch(() => undefined);
    if (stats === undefined) return; // created fresh, as a real folder
    if (stats.isSymbolicLink()) {
      const to = await realpath(current).catch(() => 'a missing target');
      throw new StoreLocationError(`Refusing the state folder: ${current} is a symbolic link (to ${to}); state, journal and memory would be written there. Remove the link; Imperium Flow creates a real folder.`);
    }
    if (!stats.isDirectory()) throw new StoreLocationError(`Refusing the state folder: ${current} is not a folder.`);
  }
  for (const entry of await readdir(target, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) {
      throw new StoreLocationError(`Refusing the state folder: ${join(target, entry.name)} is a symbolic link; the store's files must be real files inside ${target}. Remove it.`);
    }
  }
}
