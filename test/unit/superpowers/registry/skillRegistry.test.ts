// The registry on real folders: published community skills copied unchanged, Imperium's built-ins,
// broken skills beside good ones, clashes between sources, Restricted Mode, extensions' contributions.
import * as assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSkillFileSystem } from '../../../../src/infra/skills/nodeSkillFileSystem';
import { BUILTIN_CODE_SKILLS } from '../../../../src/superpowers/builtinSuperpowers';
import { discoverSkills, type SkillDiscoveryInput } from '../../../../src/superpowers/registry/skillDiscovery';
import {
  COMMUNITY_PACKAGES,
  packageFolder,
  publishedSkillFile,
  publishedSkillNames,
  REPO_ROOT,
  workspaceWithCommunitySkills,
  type SkillWorkspace,
} from './communitySkills';

const discover = (input: Partial<SkillDiscoveryInput>) =>
  discoverSkills({ files: nodeSkillFileSystem, packageRoot: REPO_ROOT, builtinCode: BUILTIN_CODE_SKILLS, trusted: true, ...input });

async function writeSkill(root: string, relative: string, text: string): Promise<void> {
  await mkdir(join(root, relative), { recursive: true });
  await writeFile(join(root, relative, 'SKILL.md'), text);
}

describe('the skill registry on real skill folders', () => {
  let workspace: SkillWorkspace;

  beforeEach(async () => {
    workspace = await workspaceWithCommunitySkills();
  });
  afterEach(() => workspace.remove());

  it('loads published community skills unchanged, with their own names and descriptions, beside the built-ins', async () => {
    const result = await discover({ workspaceRoot: workspace.root });
    assert.deepEqual(result.rejected, []);
    const byName = new Map(result.skills.map((skill) => [skill.name, skill]));
    assert.deepEqual(result.skills.slice(0, 2).map((skill) => [skill.name, skill.source.kind]), [['planning', 'builtin'], ['tdd', 'builtin']]);
    for (const pkg of COMMUNITY_PACKAGES) {
      const names = await publishedSkillNames(pkg);
      assert.ok(names.length >= 2, `${pkg.packageName} ships skills`);
      await readFile(join(packageFolder(pkg), pkg.license)); // the licence travels with the package
      for (const name of names) {
        const skill = byName.get(name);
        assert.ok(skill, `${name} from ${pkg.packageName} loaded`);
        assert.equal(skill.source.label, '.claude/skills');
        const copied = await readFile(join(workspace.root, '.claude/skills', name, 'SKILL.md'), 'utf8');
        assert.equal(copied, await publishedSkillFile(pkg, name), 'the copy is the published file, byte for byte');
        const published = /^description:\s*(.+)$/m.exec(copied)?.[1];
        assert.equal(skill.description, published, `${name}'s own description`);
      }
    }
    const design = byName.get('wednesday-design');
    assert.deepEqual(design?.metadata, { author: 'wednesday-solutions', version: '1.0' });
    assert.ok(design?.files.includes('references/TOKENS.md'));
    assert.match(design?.contentHash ?? '', /^[0-9a-f]{64}$/);
    // cc-sdd writes allowed-tools as Claude Code does (commas) and adds its own fields.
    assert.deepEqual(byName.get('kiro-review')?.allowedTools, ['Read', 'Bash', 'Grep', 'Glob']);
    assert.equal(byName.get('kiro-impl')?.modelInvocable, false);
    assert.ok(byName.get('kiro-debug')?.notes.some((note) => /argument-hint/.test(note)));
  });

  it('gives code only to built-in superpowers: tdd brings its gates, a workspace skill brings none', async () => {
    await writeSkill(workspace.root, '.github/skills/sneaky', '---\nname: sneaky\ndescription: Claims code.\nmetadata:\n  imperium-code: ./x.js\n---\n');
    const result = await discover({ workspaceRoot: workspace.root });
    const tdd = result.skills.find((skill) => skill.name === 'tdd');
    assert.deepEqual(tdd?.code, { kind: 'builtin' });
    assert.equal(result.skills.find((skill) => skill.name === 'planning')?.code, undefined);
    assert.equal(result.skills.find((skill) => skill.name === 'sneaky')?.code, undefined);
    assert.ok(result.skills.filter((skill) => skill.source.kind === 'workspace').every((skill) => skill.code === undefined));
  });

  it('rejects each broken skill with its reason while the others load', async () => {
    await writeSkill(workspace.root, '.claude/skills/Upper-Case', '---\nname: Upper-Case\ndescription: d\n---\n');
    await writeSkill(workspace.root, '.claude/skills/renamed-folder', '---\nname: original-name\ndescription: d\n---\n');
    await writeSkill(workspace.root, '.claude/skills/bad-yaml', '---\nname: bad-yaml\ndescription: "unterminated\n---\n');
    await mkdir(join(workspace.root, '.claude/skills/empty-folder'));
    const result = await discover({ workspaceRoot: workspace.root });
    const reasons = Object.fromEntries(result.rejected.map((skill) => [skill.name, skill.reason]));
    assert.match(reasons['Upper-Case'], /uppercase letter/);
    assert.match(reasons['renamed-folder'], /its name "original-name" is not its folder's name "renamed-folder"/);
    assert.match(reasons['bad-yaml'], /not valid YAML/);
    assert.equal(reasons['empty-folder'], 'it has no SKILL.md');
    assert.equal(result.rejected.length, 4);
    assert.ok(result.skills.some((skill) => skill.name === 'wednesday-dev'), 'the good ones still load');
  });

  it('shows a name two sources offer as a clash: the first keeps it, nothing is shadowed in silence', async () => {
    const copy = await readFile(join(workspace.root, '.claude/skills/wednesday-dev/SKILL.md'), 'utf8');
    await writeSkill(workspace.root, '.github/skills/wednesday-dev', copy.replace('Technical development', 'Other'));
    await writeSkill(workspace.root, '.agents/skills/tdd', '---\nname: tdd\ndescription: A workspace tdd.\n---\n');
    const home = join(workspace.root, 'home');
    await writeSkill(home, '.claude/skills/wednesday-dev', copy);
    const result = await discover({ workspaceRoot: workspace.root, home });
    const clashes = new Map(result.clashes.map((clash) => [clash.name, clash]));
    const dev = clashes.get('wednesday-dev');
    assert.equal(dev?.kept.label, '.github/skills');
    assert.deepEqual(dev?.others.map((other) => [other.source.label, other.sameContent]), [['.claude/skills', false], ['~/.claude/skills', false]]);
    assert.equal(clashes.get('tdd')?.kept.kind, 'builtin', 'a folder of files cannot replace a built-in superpower');
    assert.equal(result.skills.filter((skill) => skill.name === 'wednesday-dev').length, 1);
    assert.equal(result.skills.find((skill) => skill.name === 'tdd')?.source.kind, 'builtin');
  });

  it('loads the user folders (~/.claude, ~/.copilot, ~/.agents) after the workspace', async () => {
    const home = join(workspace.root, 'home');
    await writeSkill(home, '.copilot/skills/my-notes', '---\nname: my-notes\ndescription: Mine.\n---\nBody\n');
    await writeSkill(home, '.agents/skills/my-review', '---\nname: my-review\ndescription: Review.\n---\nBody\n');
    const result = await discover({ workspaceRoot: workspace.root, home });
    assert.deepEqual(
      result.skills.filter((skill) => skill.source.kind === 'user').map((skill) => [skill.name, skill.source.label]),
      [['my-notes', '~/.copilot/skills'], ['my-review', '~/.agents/skills']],
    );
  });

  it('in Restricted Mode loads no workspace skill, and says why', async () => {
    const home = join(workspace.root, 'home');
    await writeSkill(home, '.claude/skills/my-notes', '---\nname: my-notes\ndescription: Mine.\n---\n');
    const result = await discover({ workspaceRoot: workspace.root, home, trusted: false });
    assert.deepEqual(result.skills.map((skill) => skill.source.kind).sort(), ['builtin', 'builtin', 'user']);
    assert.equal(result.skipped.length, 4);
    assert.ok(result.skipped.every((location) => location.source.kind === 'workspace' && /Restricted Mode/.test(location.reason)));
  });

  it("reads installed extensions' chatSkills and imperiumSuperpowers; only the latter bring code; Imperium's own is left out", async () => {
    const extensions = [
      {
        id: 'gSkills.cc-sdd',
        extensionPath: packageFolder(COMMUNITY_PACKAGES[1]),
        packageJSON: {
          contributes: {
            chatSkills: [{ path: './templates/agents/claude-code-skills/skills/kiro-review' }, { path: 'templates/agents/claude-code-skills/skills/kiro-debug/SKILL.md' }, { path: '../escape' }, {}],
          },
        },
      },
      {
        id: 'acme.review-kit',
        extensionPath: join(workspace.root, 'ext'),
        packageJSON: { contributes: { imperiumSuperpowers: [{ path: 'skills/acme-review' }], chatSkills: 'not a list' } },
      },
      { id: 'imperium-flow.imperium-flow', extensionPath: REPO_ROOT, packageJSON: { contributes: { chatSkills: [{ path: './skills/tdd' }] } } },
    ];
    await writeSkill(join(workspace.root, 'ext'), 'skills/acme-review', '---\nname: acme-review\ndescription: Reviews.\n---\n');
    const result = await discover({ extensions, ownExtensionId: 'Imperium-Flow.imperium-flow' });
    const fromExtensions = result.skills.filter((skill) => skill.source.kind === 'extension');
    assert.deepEqual(fromExtensions.map((skill) => [skill.name, skill.source.extensionId, skill.code]), [
      ['kiro-review', 'gSkills.cc-sdd', undefined],
      ['kiro-debug', 'gSkills.cc-sdd', undefined],
      ['acme-review', 'acme.review-kit', { kind: 'extension', extensionId: 'acme.review-kit' }],
    ]);
    assert.deepEqual(result.rejected.map((skill) => skill.reason).sort(), [
      'an entry of contributes.chatSkills has no path',
      'contributes.chatSkills is not a list',
      'contributes.chatSkills path "../escape" is outside the extension\'s folder',
    ]);
    assert.deepEqual(result.clashes, []);
  });

  it('hashes the whole folder: changing a reference file changes the hash', async () => {
    const before = (await discover({ workspaceRoot: workspace.root })).skills.find((skill) => skill.name === 'wednesday-design')?.contentHash;
    await writeFile(join(workspace.root, '.claude/skills/wednesday-design/references/TOKENS.md'), 'changed');
    const after = (await discover({ workspaceRoot: workspace.root })).skills.find((skill) => skill.name === 'wednesday-design')?.contentHash;
    assert.ok(before && after && before !== after);
  });
});
