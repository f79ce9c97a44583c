// The one way a file under a workspace's state folder (screenshot baselines, kept screenshots) is
// written: a workspace is untrusted, so any folder on the way, or the file itself, may be a symbolic
// link to somewhere else (the home folder, another project). Each part of the path below the
// workspace is checked with lstat, missing folders are created one by one as real folders, and the
// bytes go to a temporary file beside the target that is then renamed over it: a rename replaces a
// link put there in the meantime instead of writing through it.
import { randomUUID } from 'node:crypto';
import { lstat, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { StoreLocationError } from './storeLocation';

/** Writes `data` to `path`, which must lie inside `container` with no symbolic link or non-folder on the way (StoreLocationError). */
export async function writeStateFile(path: string, data: string | Uint8Array, container: string): Promise<void> {
  const target = resolve(path);
  const root = resolve(container);
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) throw new StoreLocationError(`Refusing to write ${target}: it is not inside ${root}.`);
  const segments = rel.split(sep);
  let current = root;
  for (const segment of segments.slice(0, -1)) {
    current = join(current, segment);
    await realFolder(current, target);
  }
  const stats = await lstat(target).catch(() => undefined);
  if (stats?.isSymbolicLink()) throw new StoreLocationError(`Refusing to write ${target}: it is a symbolic link; Imperium Flow writes only real files in its state folder. Remove the link.`);
  if (stats !== undefined && !stats.isFile()) throw new StoreLocationError(`Refusing to write ${target}: it is not a file.`);
  const temp = join(dirname(target), `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
  try {
    await writeFile(temp, data, { flag: 'wx' });
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** `folder` is a real folder (created when missing); a symbolic link or a file there is refused. */
async function realFolder(folder: string, target: string): Promise<void> {
  let stats = await lstat(folder).catch(() => undefined);
  if (stats === undefined) {
    await mkdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
    stats = await lstat(folder);
  }
  if (stats.isSymbolicLink()) {
    throw new StoreLocationError(`Refusing to write ${target}: ${folder} is a symbolic link; the state folder must hold real folders only. Remove the link; Imperium Flow creates a real folder.`);
  }
  if (!stats.isDirectory()) throw new StoreLocationError(`Refusing to write ${target}: ${folder} is not a folder.`);
}
