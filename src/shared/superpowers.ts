// Superpowers (skills in the Agent Skills format) as the views, the events and the reports see them.

/** Where skills come from, in the order the registry reads them; an earlier source keeps a name. */
export const SKILL_SOURCE_KINDS = ['builtin', 'workspace', 'user', 'extension'] as const;
export type SkillSourceKind = (typeof SKILL_SOURCE_KINDS)[number];

/** One skill an agent used: enough to tell later exactly what it was given. */
export interface SkillUse {
  readonly name: string;
  readonly source: SkillSourceKind;
  /** ".claude/skills", "built-in", "extension acme.kit". */
  readonly sourceLabel: string;
  /** sha256 (hex) over the skill folder's files. */
  readonly contentHash: string;
}

export interface LoadedSkillView {
  readonly name: string;
  readonly description: string;
  readonly source: SkillSourceKind;
  readonly sourceLabel: string;
  /** The capabilities it brings as code (built-in or from an extension); empty for instructions only. */
  readonly code: readonly string[];
  readonly notes: readonly string[];
}

export interface RejectedSkillView {
  readonly name: string;
  readonly sourceLabel: string;
  readonly reason: string;
}

export interface SkillClashView {
  readonly name: string;
  readonly keptFrom: string;
  readonly alsoIn: readonly string[];
}

/** The Superpowers section of the dashboard. */
export interface SuperpowersView {
  readonly loaded: readonly LoadedSkillView[];
  readonly rejected: readonly RejectedSkillView[];
  readonly clashes: readonly SkillClashView[];
  /** Why some sources were not read (Restricted Mode). */
  readonly skipped: readonly string[];
}
