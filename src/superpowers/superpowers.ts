// The superpowers' code as the workflows look it up: what the loaded skills register. The tdd
// superpower is its SKILL.md plus the gates it registers, so a workflow that needs them while the
// tdd skill is not loaded (its SKILL.md rejected or missing) stops with that reason instead of
// running gates nobody loaded.
import { BUILTIN_SUPERPOWER_CODE } from './builtinSuperpowers';
import { SuperpowerUnavailableError, type SuperpowerCode } from './superpowerCode';
import type { Superpowers } from './superpowersPort';
import type { Skill } from './registry/skill';

/** Code by skill name, for the skills an installed extension declared (resolved by the host from the extension's API). */
export type ExtensionSuperpowerCode = ReadonlyMap<string, SuperpowerCode>;

/** The code of `skill`: a built-in's own, or what its extension supplied; undefined for instructions-only skills. */
export function codeOfSkill(skill: Skill, fromExtensions: ExtensionSuperpowerCode = new Map()): SuperpowerCode | undefined {
  if (skill.code?.kind === 'builtin') return BUILTIN_SUPERPOWER_CODE[skill.name];
  if (skill.code?.kind === 'extension') return fromExtensions.get(skill.name);
  return undefined;
}

/** The superpowers the loaded skills register. */
export function registeredSuperpowers(skills: () => readonly Skill[]): Superpowers {
  return {
    tdd: () => {
      const skill = skills().find((candidate) => candidate.name === 'tdd');
      if (skill?.code?.kind !== 'builtin') {
        throw new SuperpowerUnavailableError(
          skill
            ? `The tdd superpower's gates are not loaded: the skill named tdd that loaded (${skill.source.label}) is not Imperium's built-in one.`
            : "The tdd superpower is not loaded: its skills/tdd/SKILL.md in Imperium's folder is missing or was rejected (see the Superpowers view or imperium skills --json for the reason).",
        );
      }
      return BUILTIN_SUPERPOWER_CODE.tdd;
    },
  };
}
