// Where skills are looked for: the folders VS Code and Copilot read in a workspace and in the user's
// home, Imperium's own workspace folder, and Imperium's built-in superpowers.
import { join } from 'node:path';
import type { SkillLocation } from './skill';

export const WORKSPACE_SKILL_FOLDERS = ['.github/skills', '.claude/skills', '.agents/skills', '.imperium/skills'] as const;
export const USER_SKILL_FOLDERS = ['.claude/skills', '.copilot/skills', '.agents/skills'] as const;
/** Beside package.json, in the repository and in the installed extension alike. */
export const BUILTIN_SKILLS_FOLDER = 'skills';

export function workspaceSkillLocations(root: string): SkillLocation[] {
  return WORKSPACE_SKILL_FOLDERS.map((folder) => ({ source: { kind: 'workspace', label: folder }, path: join(root, ...folder.split('/')) }));
}

export function userSkillLocations(home: string): SkillLocation[] {
  return USER_SKILL_FOLDERS.map((folder) => ({ source: { kind: 'user', label: `~/${folder}` }, path: join(home, ...folder.split('/')) }));
}

/** Imperium's own superpowers, in `<package root>/skills/`; those named in `codeSkills` bring code. */
export function builtinSkillLocation(packageRoot: string, codeSkills: readonly string[]): SkillLocation {
  return { source: { kind: 'builtin', label: 'built-in' }, path: join(packageRoot, BUILTIN_SKILLS_FOLDER), bringsCode: codeSkills };
}
