// Published community skills, as their authors ship them on npm (devDependencies pinned to one
// version, licences in the packages): copied byte for byte into a test workspace, so the registry
// is tried on skills nobody here wrote or adjusted.
import { cp, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPO_ROOT = join(__dirname, '../../../..');

export interface CommunityPackage {
  readonly packageName: string;
  /** Folder of skill folders inside the package. */
  readonly skillsFolder: string;
  readonly license: string;
}

/** Wednesday Solutions' skills (MIT, LICENSE in the package) and cc-sdd's Claude Code skills (MIT, per its package.json). */
export const COMMUNITY_PACKAGES: readonly CommunityPackage[] = [
  { packageName: '@wednesday-solutions-eng/ai-agent-skills', skillsFolder: 'skills', license: 'LICENSE' },
  { packageName: 'cc-sdd', skillsFolder: 'templates/agents/claude-code-skills/skills', license: 'package.json' },
];

export function packageFolder(pkg: CommunityPackage): string {
  return join(REPO_ROOT, 'node_modules', ...pkg.packageName.split('/'));
}

export function publishedSkillsFolder(pkg: CommunityPackage): string {
  return join(packageFolder(pkg), ...pkg.skillsFolder.split('/'));
}

export async function publishedSkillNames(pkg: CommunityPackage): Promise<string[]> {
  const entries = await readdir(publishedSkillsFolder(pkg), { withFileTypes: true });
  return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
}

export interface SkillWorkspace {
  readonly root: string;
  remove(): Promise<void>;
}

/** A fresh folder with the packages' skill folders copied unchanged into `<root>/<skillsDir>/`. */
export async function workspaceWithCommunitySkills(skillsDir = '.claude/skills', packages = COMMUNITY_PACKAGES): Promise<SkillWorkspace> {
  const root = await mkdtemp(join(tmpdir(), 'imperium-skills-'));
  const target = join(root, ...skillsDir.split('/'));
  await mkdir(target, { recursive: true });
  for (const pkg of packages) {
    for (const name of await publishedSkillNames(pkg)) await cp(join(publishedSkillsFolder(pkg), name), join(target, name), { recursive: true });
  }
  return { root, remove: () => rm(root, { recursive: true, force: true }) };
}

/** The published SKILL.md's text. */
export function publishedSkillFile(pkg: CommunityPackage, name: string): Promise<string> {
  return readFile(join(publishedSkillsFolder(pkg), name, 'SKILL.md'), 'utf8');
}
