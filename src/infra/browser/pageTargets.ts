// What a UI check may open: HTML files inside a folder the person named (static HTML and CSS), or a
// page served on loopback by the project's own dev server. Anything else is refused with the reason.
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PageTarget {
  /** How reports name the page: the path relative to the root, or the URL. */
  readonly name: string;
  readonly url: string;
  /** The page may load URLs starting with this: its loopback origin, or its folder's file:// URL. */
  readonly allowedPrefix: string;
}

export class PageTargetError extends Error {
  override readonly name = 'PageTargetError';
}

const HTML = new Set(['.html', '.htm']);
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'dist', 'out', 'coverage']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function isLoopbackUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && (LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname));
}

/** `target` is a loopback URL, an HTML file or a folder of them (relative to `cwd`). */
export async function resolvePageTargets(target: string, cwd: string): Promise<PageTarget[]> {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) {
    if (!isLoopbackUrl(target)) throw new PageTargetError(`only pages served on loopback (localhost, 127.0.0.1, [::1]) may be checked, not ${target}.`);
    const url = new URL(target);
    return [{ name: url.href, url: url.href, allowedPrefix: `${url.origin}/` }];
  }
  const path = resolve(cwd, target);
  const stats = await stat(path).catch(() => undefined);
  if (!stats) throw new PageTargetError(`${target} does not exist.`);
  if (stats.isFile()) {
    if (!HTML.has(extname(path).toLowerCase())) throw new PageTargetError(`${target} is not an HTML file (.html or .htm).`);
    // A page inside the working folder may use the folder's shared styles and images (../css/site.css).
    const inside = !relative(cwd, path).startsWith('..');
    return [{ name: relative(cwd, path).split(sep).join('/') || path, url: pathToFileURL(path).href, allowedPrefix: folderUrl(inside ? cwd : resolve(path, '..')) }];
  }
  const files = await htmlFiles(path);
  if (files.length === 0) throw new PageTargetError(`${target} holds no HTML file.`);
  return files.map((file) => ({ name: relative(path, file).split(sep).join('/'), url: pathToFileURL(file).href, allowedPrefix: folderUrl(path) }));
}

function folderUrl(folder: string): string {
  const url = pathToFileURL(folder).href;
  return url.endsWith('/') ? url : `${url}/`;
}

async function htmlFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) found.push(...(await htmlFiles(path)));
    } else if (entry.isFile() && HTML.has(extname(entry.name).toLowerCase())) {
      found.push(path);
    }
  }
  return found;
}
