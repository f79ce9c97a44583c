// Finds the programs a workspace's tests run with: the framework its own node_modules holds (or a
// parent folder's, as in a monorepo), the Python of its virtual environment, and a Node binary.
import { access } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { readJsonFile } from './jsonFile';

export interface InstalledPackage {
  /** The package's folder. */
  readonly dir: string;
  readonly version: string;
  /** Absolute path of each bin entry, by name. */
  readonly bins: Readonly<Record<string, string>>;
}

/** The package as Node would resolve it from `fromDir`: the nearest node_modules that has it. */
export async function findInstalledPackage(fromDir: string, name: string): Promise<InstalledPackage | undefined> {
  for (let dir = resolve(fromDir); ; dir = dirname(dir)) {
    const packageDir = join(dir, 'node_modules', name);
    const manifest = await readJson(join(packageDir, 'package.json'));
    if (manifest) {
      const bin = manifest.bin;
      const entries: [string, unknown][] = typeof bin === 'string' ? [[name.replace(/^@[^/]+\//, ''), bin]] : Object.entries(bin ?? {});
      const bins: Record<string, string> = {};
      for (const [binName, file] of entries) if (typeof file === 'string') bins[binName] = join(packageDir, file);
      return { dir: packageDir, version: typeof manifest.version === 'string' ? manifest.version : 'unknown', bins };
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** The JavaScript file behind a package's bin, run with Node directly so no shell or .cmd shim is involved. */
export async function findPackageBin(fromDir: string, name: string, bin = name): Promise<string | undefined> {
  return (await findInstalledPackage(fromDir, name))?.bins[bin];
}

/**
 * The Node binary for test processes. Inside VS Code `process.execPath` is the editor's Electron,
 * which is not the Node the project's tests expect, so there the `node` on PATH is used.
 */
export function defaultNodePath(): string {
  return process.versions.electron ? 'node' : process.execPath;
}

/** The workspace's virtual environment's Python when it has one, else the Python on PATH. */
export async function findPython(root: string): Promise<string> {
  const candidates =
    process.platform === 'win32'
      ? ['.venv/Scripts/python.exe', 'venv/Scripts/python.exe', 'env/Scripts/python.exe']
      : ['.venv/bin/python', 'venv/bin/python', 'env/bin/python'];
  for (const candidate of candidates) {
    const path = join(root, candidate);
    if (await exists(path)) return path;
  }
  return process.platform === 'win32' ? 'python' : 'python3';
}

export async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  const value = await readJsonFile(path);
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
