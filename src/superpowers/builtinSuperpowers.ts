// Imperium's built-in superpowers: skills in the Agent Skills format in the package's skills/
// folder, and the code some of them bring. Only these and installed extensions' superpowers may
// bring code; a skill from a workspace or a user's folder is instructions only.
import { TDD_CAPABILITIES } from './tdd/tddSuperpower';

/** The capabilities each code-bringing built-in supplies, by skill name. */
export const BUILTIN_SUPERPOWER_CODE: Readonly<Record<string, readonly string[]>> = {
  tdd: TDD_CAPABILITIES,
};

export const BUILTIN_CODE_SKILLS: readonly string[] = Object.keys(BUILTIN_SUPERPOWER_CODE);
