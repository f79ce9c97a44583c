// Reads one skill folder: finds its SKILL.md, parses and checks it, lists the other files (read
// later, on demand) and hashes the whole folder, so a report can say exactly what an agent was given.
import { join } from 'node:path';
import { parseSkillFile } from './skillFile';
import { readSkillSnapshot } from './skillSnapshot';
import type { SkillFileSystem } from './skillFileSystem';
import type { RejectedSkill, Skill, SkillCodeProvider, SkillSource } from './skill';

const SKILL_FILE = 'skill.md';
const MAX_SKILL_FILE_BYTES = 256 * 1024;
/** A skill folder with more is refused: skills are instructions and a few resources, not projects. */
const MAX_FILES = 500;
const MAX_DEPTH = 6;
const SKIPPED_FOLDERS = new Set(['.git', 'node_modules']);

export type SkillFolderRead = { readonly ok: true; readonly skill: Skill } | { readonly ok: false; readonly rejected: RejectedSkill };

export async function readSkillFolder(
  files: SkillFileSystem,
  folder: string,
  folderName: string,
  source: SkillSource,
  code?: SkillCodeProvider,
): Promise<SkillFolderRead> {
  const reject = (reason: string): SkillFolderRead => ({ ok: false, rejected: { name: folderName, folder, source, reason } });
  const entries = await files.list(folder);
  if (!entries) return reject('the folder does not exist');
  const skillFile = entries.find((entry) => entry.kind === 'file' && entry.name.toLowerCase() === SKILL_FILE);
  if (!skillFile) return reject('it has no SKILL.md');
  const bytes = await files.read(join(folder, skillFile.name));
  if (bytes.byteLength > MAX_SKILL_FILE_BYTES) return reject(`its SKILL.md is ${bytes.byteLength} bytes; the limit is ${MAX_SKILL_FILE_BYTES}`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000')) return reject('its SKILL.md is not text');
  const parsed = parseSkillFile(text, folderName);
  if (!parsed.ok) return reject(parsed.reason);

  const others = await listFiles(files, folder, '', 0);
  if (others === undefined) return reject(`it holds more than ${MAX_FILES} files`);
  const relativeFiles = others.filter((file) => file !== skillFile.name).sort();
  const snapshot = await readSkillSnapshot(files, folder, skillFile.name, relativeFiles);
  // What was parsed is what is hashed: a SKILL.md changed between the two reads is read again next time.
  if (Buffer.compare(Buffer.from(snapshot.files.get(skillFile.name) ?? []), Buffer.from(bytes)) !== 0) return reject('its SKILL.md changed while it was read; reload the skills');
  return {
    ok: true,
    skill: { ...parsed.skill, folder, source, skillFile: skillFile.name, files: relativeFiles, contentHash: snapshot.contentHash, ...(code && { code }) },
  };
}

/** Every file under the folder, '/'-separated; undefined past the limit. */
async function listFiles(files: SkillFileSystem, root: string, prefix: string, depth: number, found: string[] = []): Promise<string[] | undefined> {
  const entries = (await files.list(prefix ? join(root, ...prefix.split('/')) : root)) ?? [];
  for (const entry of entries) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.kind === 'file') {
      found.push(path);
      if (found.length > MAX_FILES) return undefined;
    } else if (depth < MAX_DEPTH && !SKIPPED_FOLDERS.has(entry.name)) {
      if ((await listFiles(files, root, path, depth + 1, found)) === undefined) return undefined;
    }
  }
  return found;
}
