// The registry's result as the views show it: what is loaded and from where, what each brings as
// code, what was rejected and why, which names clash, which sources were not read.
import type { LoadedSkillView, SuperpowersView } from '../shared/superpowers';
import type { Skill, SkillLoadResult } from './registry/skill';
import { codeOfSkill, type ExtensionSuperpowerCode } from './superpowers';

export function superpowersView(result: SkillLoadResult, fromExtensions?: ExtensionSuperpowerCode): SuperpowersView {
  return {
    loaded: result.skills.map((skill) => loadedView(skill, fromExtensions)),
    rejected: result.rejected.map((skill) => ({ name: skill.name, sourceLabel: skill.source.label, reason: skill.reason })),
    clashes: result.clashes.map((clash) => ({
      name: clash.name,
      keptFrom: clash.kept.label,
      alsoIn: clash.others.map((other) => `${other.source.label}${other.sameContent ? ' (same content)' : ''}`),
    })),
    skipped: result.skipped.map((location) => `${location.source.label}: ${location.reason}`),
  };
}

/** The capabilities a skill brings as code, for people. */
export function skillCode(skill: Skill, fromExtensions?: ExtensionSuperpowerCode): readonly string[] {
  const code = codeOfSkill(skill, fromExtensions);
  if (code) return code.capabilities;
  if (skill.code?.kind === 'extension') return [`code from ${skill.code.extensionId} (not available: see the log)`];
  return [];
}

function loadedView(skill: Skill, fromExtensions?: ExtensionSuperpowerCode): LoadedSkillView {
  return { name: skill.name, description: skill.description, source: skill.source.kind, sourceLabel: skill.source.label, code: skillCode(skill, fromExtensions), notes: skill.notes };
}
