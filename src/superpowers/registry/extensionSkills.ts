// The skills installed extensions contribute, read from their package.json: VS Code's own
// `contributes.chatSkills` (instructions only), and Imperium's `contributes.imperiumSuperpowers`,
// a skill folder whose code the extension itself supplies (from its exported API). Each entry's
// path must stay inside the extension's folder; a broken entry is rejected, the others still load.
import { dirname, isAbsolute, join, normalize, relative, sep } from 'node:path';
import type { RejectedSkill, SkillLocation, SkillSource } from './skill';

/** What the host knows of an installed extension (`vscode.extensions.all`, as plain data). */
export interface InstalledExtension {
  readonly id: string;
  /** Absolute path of the extension's folder. */
  readonly extensionPath: string;
  readonly packageJSON: unknown;
}

export const CHAT_SKILLS_CONTRIBUTION = 'chatSkills';
export const SUPERPOWERS_CONTRIBUTION = 'imperiumSuperpowers';

export interface ExtensionSkillLocations {
  readonly locations: readonly SkillLocation[];
  readonly rejected: readonly RejectedSkill[];
}

/** Locations for every extension's contributions, `ownId` (Imperium, whose skills are the built-ins) left out. */
export function extensionSkillLocations(extensions: readonly InstalledExtension[], ownId?: string): ExtensionSkillLocations {
  const locations: SkillLocation[] = [];
  const rejected: RejectedSkill[] = [];
  for (const extension of extensions) {
    if (ownId !== undefined && extension.id.toLowerCase() === ownId.toLowerCase()) continue;
    const contributes = (extension.packageJSON as { contributes?: Record<string, unknown> } | null)?.contributes;
    if (!contributes) continue;
    const source: SkillSource = { kind: 'extension', label: `extension ${extension.id}`, extensionId: extension.id };
    for (const [key, bringsCode] of [
      [CHAT_SKILLS_CONTRIBUTION, false],
      [SUPERPOWERS_CONTRIBUTION, true],
    ] as const) {
      const entries = contributes[key];
      if (entries === undefined) continue;
      if (!Array.isArray(entries)) {
        rejected.push({ name: key, folder: extension.extensionPath, source, reason: `contributes.${key} is not a list` });
        continue;
      }
      for (const entry of entries as unknown[]) {
        const path = (entry as { path?: unknown } | null)?.path;
        if (typeof path !== 'string' || path.trim() === '') {
          rejected.push({ name: key, folder: extension.extensionPath, source, reason: `an entry of contributes.${key} has no path` });
          continue;
        }
        // VS Code's chatSkills names the SKILL.md file itself; its folder is the skill.
        const resolved = normalize(join(extension.extensionPath, /(^|[\\/])SKILL\.md$/.test(path) ? dirname(path) : path));
        const inside = relative(extension.extensionPath, resolved);
        if (isAbsolute(path) || inside === '' || inside.startsWith('..') || inside.split(sep).includes('..')) {
          rejected.push({ name: path, folder: resolved, source, reason: `contributes.${key} path "${path}" is outside the extension's folder` });
          continue;
        }
        locations.push({ source, path: resolved, single: true, ...(bringsCode && { bringsCode: true }) });
      }
    }
  }
  return { locations, rejected };
}
