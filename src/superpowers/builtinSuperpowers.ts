// Imperium's built-in superpowers: skills in the Agent Skills format in the package's skills/
// folder, and the code some of them register. Only these and installed extensions' superpowers may
// bring code; a skill from a workspace or a user's folder is instructions only.
import type { SuperpowerCode } from './superpowerCode';
import type { Superpowers } from './superpowersPort';
import { tddSuperpower, type TddCode } from './tdd/tddSuperpower';

/** The code each code-bringing built-in registers, by skill name. */
export const BUILTIN_SUPERPOWER_CODE: { readonly tdd: TddCode } & Readonly<Record<string, SuperpowerCode | undefined>> = {
  tdd: tddSuperpower,
};

export const BUILTIN_CODE_SKILLS: readonly string[] = Object.keys(BUILTIN_SUPERPOWER_CODE);

/** For a composition that loads no skills at all (a bare engine in a test): the built-ins' code, as registered. */
export const builtinSuperpowers: Superpowers = { tdd: () => tddSuperpower };
