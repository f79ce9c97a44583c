// A fixture project copied to a temp folder for one end-to-end run, and what is on disk afterwards.
//
// Layout: <root>/project is the copy (the workspace the CLI works on) and <root>/node_modules links
// to the repository's, so jest, vitest, mocha and tsx resolve by walking up from the project the way
// they would in a monorepo, while the project itself has no node_modules an escaped write could reach.
import { readdirSync, readFileSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { REPOSITORY } from './imperiumProcess';

export const SCENARIOS = join(REPOSITORY, 'test/fixtures/cli-scenarios');

/** Left out of the copies: the runners' own edge cases (a broken file, a hang) and caches. */
const NOT_COPIED = new Set(['edge-cases', 'node_modules', '__pycache__', '.pytest_cache']);

/** Left out of snapshots: the engine's state and what test runs leave behind. */
const NOT_SNAPSHOT = new Set(['.imperium', '__pycache__', '.pytest_cache']);

export interface ProjectCopy {
  /** The temp folder holding the copy; an escape from the project lands here. */
  readonly root: string;
  /** The copy: the workspace. */
  readonly folder: string;
  remove(): Promise<void>;
}

/** Copies test/fixtures/<fixture> (a folder, or a path to one such as fix-exercises/bowling-jest) into a new temp folder. */
export async function copyFixture(fixture: string): Promise<ProjectCopy> {
  const root = await mkdtemp(join(tmpdir(), `imperium-e2e-${basename(fixture)}-`));
  const folder = join(root, 'project');
  try {
    await symlink(join(REPOSITORY, 'node_modules'), join(root, 'node_modules'), 'dir');
    await mkdir(folder);
    await cp(join(REPOSITORY, 'test/fixtures', fixture), folder, { recursive: true, filter: (source) => !NOT_COPIED.has(basename(source)) });
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw error;
  }
  return { root, folder, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Every file of the project (the engine's state and caches left out), by '/'-separated path. */
export function snapshot(folder: string, prefix = ''): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(join(folder, prefix), { withFileTypes: true })) {
    if (NOT_SNAPSHOT.has(entry.name)) continue;
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) for (const [file, bytes] of snapshot(folder, path)) files.set(file, bytes);
    else files.set(path, entry.isSymbolicLink() ? Buffer.from('(symlink)') : readFileSync(join(folder, path)));
  }
  return files;
}

/** The paths whose bytes differ between two snapshots, sorted. */
export function changedPaths(before: ReadonlyMap<string, Buffer>, after: ReadonlyMap<string, Buffer>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])]
    .filter((path) => {
      const [was, is] = [before.get(path), after.get(path)];
      return was === undefined || is === undefined || !was.equals(is);
    })
    .sort();
}
