// Every place skills come from, put together: the built-ins, the workspace's folders, the user's
// folders and installed extensions' contributions, loaded in that order with the same rules.
import { extensionSkillLocations, type InstalledExtension } from './extensionSkills';
import { loadSkills } from './skillRegistry';
import type { SkillFileSystem } from './skillFileSystem';
import { builtinSkillLocation, userSkillLocations, workspaceSkillLocations } from './skillLocations';
import type { SkillLoadResult, SkillLocation } from './skill';

export interface SkillDiscoveryInput {
  readonly files: SkillFileSystem;
  /** Imperium's package root (its built-in skills are in `skills/` there). */
  readonly packageRoot: string;
  /** The built-in skills that bring code. */
  readonly builtinCode: readonly string[];
  readonly workspaceRoot?: string;
  /** The user's home folder; absent: the user's folders are not read. */
  readonly home?: string;
  readonly extensions?: readonly InstalledExtension[];
  /** Imperium's own extension id, left out of `extensions`. */
  readonly ownExtensionId?: string;
  /** False in Restricted Mode. */
  readonly trusted: boolean;
}

export async function discoverSkills(input: SkillDiscoveryInput): Promise<SkillLoadResult> {
  const fromExtensions = extensionSkillLocations(input.extensions ?? [], input.ownExtensionId);
  const locations: SkillLocation[] = [
    builtinSkillLocation(input.packageRoot, input.builtinCode),
    ...(input.workspaceRoot !== undefined ? workspaceSkillLocations(input.workspaceRoot) : []),
    ...(input.home !== undefined ? userSkillLocations(input.home) : []),
    ...fromExtensions.locations,
  ];
  const result = await loadSkills(locations, input.files, { trusted: input.trusted });
  return { ...result, rejected: [...result.rejected, ...fromExtensions.rejected] };
}
