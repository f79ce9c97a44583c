// The host folders that hold Unix sockets by convention (a Docker daemon's /var/run/docker.sock, the
// session bus in /run/user/<uid>, which `systemd-run --user` talks to): a socket is connectable
// even through a read-only mount, so the sandbox empties these folders, and shows again the few
// files from them (and from the other hidden folders) a run needs.
import { realpath } from 'node:fs/promises';
import { sep } from 'node:path';

export const SOCKET_FOLDERS = ['/run', '/var/run', '/var/tmp'];

/** The `folders` that exist here, each once, as its real path (/var/run is often a link to /run). */
export async function socketFolders(folders: readonly string[] = SOCKET_FOLDERS): Promise<string[]> {
  const real = await Promise.all(folders.map((folder) => realpath(folder).catch(() => undefined)));
  return [...new Set(real.filter((folder): folder is string => folder !== undefined && folder !== '/'))];
}

/** The real paths of `files` (hostSecrets' NEEDED_FILES) that lie in one of the emptied folders, to show again read-only. */
export async function neededFrom(sockets: readonly string[], files: readonly string[]): Promise<string[]> {
  const real = await Promise.all(files.map((file) => realpath(file).catch(() => undefined)));
  return real.filter((file): file is string => file !== undefined && sockets.some((folder) => file.startsWith(folder + sep)));
}
