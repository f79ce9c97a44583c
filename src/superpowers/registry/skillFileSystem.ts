// What the registry needs to read skill folders: the workspace's, the user's, extensions' and its
// own, anywhere on disk (the Workspace port stops at the workspace root). Node's file system
// implements it in src/infra/skills/; tests use the same.

export interface SkillFolderEntry {
  readonly name: string;
  /** Symbolic links are followed: installers often link skills in. */
  readonly kind: 'file' | 'directory';
}

export interface SkillFileSystem {
  /** The folder's entries, or undefined when there is no such folder. */
  list(path: string): Promise<readonly SkillFolderEntry[] | undefined>;
  read(path: string): Promise<Uint8Array>;
}
