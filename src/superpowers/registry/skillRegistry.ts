// Loads every skill from its locations, in source order (built-in, workspace, user, extensions): each
// folder is checked on its own, so one broken skill is rejected with its reason and the rest load.
// A name offered twice stays with the first source; the later copies are listed as a clash, never
// dropped in silence. In Restricted Mode no workspace location is read at all.
import { basename, dirname } from 'node:path';
import { readSkillFolder } from './skillFolder';
import type { SkillFileSystem } from './skillFileSystem';
import {
  SKILL_SOURCE_KINDS,
  type RejectedSkill,
  type Skill,
  type SkillClash,
  type SkillCodeProvider,
  type SkillLoadResult,
  type SkillLocation,
  type SkippedLocation,
} from './skill';

export interface SkillLoadOptions {
  /** False in Restricted Mode: workspace skills are not read. */
  readonly trusted: boolean;
}

export async function loadSkills(locations: readonly SkillLocation[], files: SkillFileSystem, options: SkillLoadOptions): Promise<SkillLoadResult> {
  const ordered = [...locations].sort((a, b) => SKILL_SOURCE_KINDS.indexOf(a.source.kind) - SKILL_SOURCE_KINDS.indexOf(b.source.kind));
  const loaded: Skill[] = [];
  const rejected: RejectedSkill[] = [];
  const skipped: SkippedLocation[] = [];
  const clashes = new Map<string, { kept: Skill; others: { source: Skill['source']; folder: string; sameContent: boolean }[] }>();

  for (const location of ordered) {
    if (location.source.kind === 'workspace' && !options.trusted) {
      skipped.push({ source: location.source, path: location.path, reason: 'Restricted Mode: workspace skills are not loaded until you trust the workspace' });
      continue;
    }
    for (const folder of await skillFolders(location, files)) {
      const read = await readSkillFolder(files, folder, basename(folder), location.source, codeProvider(location, basename(folder)));
      if (!read.ok) {
        rejected.push(read.rejected);
        continue;
      }
      const first = loaded.find((skill) => skill.name === read.skill.name);
      if (!first) {
        loaded.push(read.skill);
        continue;
      }
      const clash = clashes.get(first.name) ?? { kept: first, others: [] };
      clash.others.push({ source: read.skill.source, folder: read.skill.folder, sameContent: read.skill.contentHash === first.contentHash });
      clashes.set(first.name, clash);
    }
  }
  const clashList: SkillClash[] = [...clashes.values()].map(({ kept, others }) => ({ name: kept.name, kept: kept.source, keptFolder: kept.folder, others }));
  return { skills: loaded, rejected, clashes: clashList, skipped };
}

/** The skill folders a location holds: itself when it is one, else its subfolders, by name. */
async function skillFolders(location: SkillLocation, files: SkillFileSystem): Promise<string[]> {
  if (location.single) return [/skill\.md$/i.test(location.path) ? dirname(location.path) : location.path];
  const entries = await files.list(location.path);
  if (!entries) return [];
  return entries
    .filter((entry) => entry.kind === 'directory' && !entry.name.startsWith('.'))
    .map((entry) => entry.name)
    .sort()
    .map((name) => `${location.path.replace(/[\\/]+$/, '')}/${name}`);
}

/** Code only from Imperium itself or an installed extension, never from a folder of files. */
function codeProvider(location: SkillLocation, name: string): SkillCodeProvider | undefined {
  const declared = location.bringsCode === true || (Array.isArray(location.bringsCode) && location.bringsCode.includes(name));
  if (!declared) return undefined;
  if (location.source.kind === 'builtin') return { kind: 'builtin' };
  if (location.source.kind === 'extension' && location.source.extensionId) return { kind: 'extension', extensionId: location.source.extensionId };
  return undefined;
}
