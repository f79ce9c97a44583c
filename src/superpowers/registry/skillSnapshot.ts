// A skill folder's bytes and their hash: sha256 over every file, path then bytes, SKILL.md first and
// the rest by path. The registry records this hash for each skill it loads; a script of the skill
// runs only from a snapshot whose hash is still the one loaded (and the one the person approved).
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { SkillFileSystem } from './skillFileSystem';

export interface SkillSnapshot {
  /** '/'-separated path relative to the skill folder -> bytes; SKILL.md under its own file name. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly contentHash: string;
}

/** The hash of a skill's files, `skillFile` (its SKILL.md's name) first, then `others` in order. */
export function skillContentHash(skillFile: string, others: readonly string[], bytesOf: (file: string) => Uint8Array): string {
  const hash = createHash('sha256');
  for (const file of [skillFile, ...others]) {
    hash.update(`${file}\u0000`);
    hash.update(bytesOf(file));
    hash.update('\u0000');
  }
  return hash.digest('hex');
}

/** Reads `files` of the folder (its SKILL.md's name first) once, and hashes exactly those bytes. */
export async function readSkillSnapshot(fileSystem: SkillFileSystem, folder: string, skillFile: string, others: readonly string[]): Promise<SkillSnapshot> {
  const files = new Map<string, Uint8Array>();
  for (const file of [skillFile, ...others]) files.set(file, await fileSystem.read(join(folder, ...file.split('/'))));
  return { files, contentHash: skillContentHash(skillFile, others, (file) => files.get(file) as Uint8Array) };
}
