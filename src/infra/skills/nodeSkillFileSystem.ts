// The registry's file access through Node: folders anywhere on disk (the workspace's, the user's
// home, extensions'), symbolic links followed, a missing folder answered with undefined.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SkillFileSystem, SkillFolderEntry } from '../../superpowers/registry/skillFileSystem';

export const nodeSkillFileSystem: SkillFileSystem = {
  async list(path) {
    let entries;
    try {
      entries = await readdir(path, { withFileTypes: true });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw error;
    }
    const listed: SkillFolderEntry[] = [];
    for (const entry of entries) {
      if (entry.isFile()) listed.push({ name: entry.name, kind: 'file' });
      else if (entry.isDirectory()) listed.push({ name: entry.name, kind: 'directory' });
      else if (entry.isSymbolicLink()) {
        const target = await stat(join(path, entry.name)).catch(() => undefined);
        if (target?.isFile()) listed.push({ name: entry.name, kind: 'file' });
        else if (target?.isDirectory()) listed.push({ name: entry.name, kind: 'directory' });
      }
    }
    return listed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  },
  read: (path) => readFile(path),
};
