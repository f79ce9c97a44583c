// What the registry knows of a skill in the Agent Skills format (a folder with a SKILL.md: YAML front
// matter, then a markdown body, then any other files read on demand), where it came from, and why a
// folder that breaks the format was not loaded.

import type { SkillSourceKind } from '../../shared/superpowers';

export { SKILL_SOURCE_KINDS, type SkillSourceKind } from '../../shared/superpowers';

export interface SkillSource {
  readonly kind: SkillSourceKind;
  /** Where, for people: "built-in", ".claude/skills", "~/.claude/skills", "extension acme.review-kit". */
  readonly label: string;
  /** The contributing extension's id, for kind 'extension'. */
  readonly extensionId?: string;
}

/** A place the registry reads: a folder of skill folders, or (for an extension's contribution) one skill folder. */
export interface SkillLocation {
  readonly source: SkillSource;
  /** Absolute path. */
  readonly path: string;
  /** The path is a skill folder itself, not a folder of them. */
  readonly single?: boolean;
  /**
   * The skills here that bring code (true: every one): built-in superpowers, or an extension's
   * `imperiumSuperpowers` contribution. The registry honours it only for those two kinds.
   */
  readonly bringsCode?: boolean | readonly string[];
}

/** Who supplies a superpower's code: Imperium itself, or the installed extension that declared it. */
export type SkillCodeProvider = { readonly kind: 'builtin' } | { readonly kind: 'extension'; readonly extensionId: string };

export interface Skill {
  /** The front matter's name, equal to its folder's name. */
  readonly name: string;
  readonly description: string;
  readonly license?: string;
  readonly compatibility?: string;
  /** The front matter's metadata, every value as text. */
  readonly metadata: Readonly<Record<string, string>>;
  /** The front matter's allowed-tools, as written (absent: the skill does not narrow an agent's tools). */
  readonly allowedTools?: readonly string[];
  /** `disable-model-invocation: true`: a person may use it, agents are not offered it. */
  readonly modelInvocable: boolean;
  /** The markdown after the front matter. */
  readonly body: string;
  /** Absolute path of the skill folder. */
  readonly folder: string;
  readonly source: SkillSource;
  /** Its SKILL.md's own file name (the specification's is SKILL.md; some publish skill.md). */
  readonly skillFile: string;
  /** Every other file of the folder, '/'-separated and relative to it, read only on demand. */
  readonly files: readonly string[];
  /** sha256 (hex) over every file of the folder, path and bytes: what exactly an agent was given. */
  readonly contentHash: string;
  /** Set only for a built-in superpower or one an installed extension declared. */
  readonly code?: SkillCodeProvider;
  /** Things a person should know that did not stop the skill loading (fields ignored, hooks not run). */
  readonly notes: readonly string[];
}

export interface RejectedSkill {
  /** The folder's name, or the path an extension contributed. */
  readonly name: string;
  /** Absolute path of the folder (or of the contributed path). */
  readonly folder: string;
  readonly source: SkillSource;
  readonly reason: string;
}

/** A name two sources both offer: the first keeps it, the others are not loaded, and the views say so. */
export interface SkillClash {
  readonly name: string;
  readonly kept: SkillSource;
  readonly keptFolder: string;
  readonly others: readonly { readonly source: SkillSource; readonly folder: string; readonly sameContent: boolean }[];
}

/** A location the registry did not read at all, and why (Restricted Mode, for one). */
export interface SkippedLocation {
  readonly source: SkillSource;
  readonly path: string;
  readonly reason: string;
}

export interface SkillLoadResult {
  readonly skills: readonly Skill[];
  readonly rejected: readonly RejectedSkill[];
  readonly clashes: readonly SkillClash[];
  readonly skipped: readonly SkippedLocation[];
}
