// The registry's result as the views show it: what is loaded and from where, what each brings as
// code, what was rejected and why, which names clash, which sources were not read.
import type { LoadedSkillView, SuperpowersView } from '../shared/superpowers';
import { BUILTIN_SUPERPOWER_CODE } from './builtinSuperpowers';
import type { Skill, SkillLoadResult } from './registry/skill';

export function superpowersView(result: SkillLoadResult): SuperpowersView {
  return {
    loaded: result.skills.map(loadedView),
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
export function skillCode(skill: Skill): readonly string[] {
  if (skill.code?.kind === 'builtin') return BUILTIN_SUPERPOWER_CODE[skill.name] ?? [];
  if (skill.code?.kind === 'extension') return [`code from ${skill.code.extensionId}`];
  return [];
}

function loadedView(skill: Skill): LoadedSkillView {
  return { name: skill.name, description: skill.description, source: skill.source.kind, sourceLabel: skill.source.label, code: skillCode(skill), notes: skill.notes };
}
