import * as assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCommand, type CommandOutput } from '../infra/testRunners/fixtureSupport';
import { REPO_ROOT, workspaceWithCommunitySkills, type SkillWorkspace } from '../superpowers/registry/communitySkills';

const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

function imperium(args: readonly string[], cwd = REPO_ROOT): Promise<CommandOutput> {
  return runCommand(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/cli/main.ts'), ...args], cwd);
}

interface SkillsJson {
  skills: { name: string; description: string; source: string; sourceLabel: string; code: string[]; contentHash: string }[];
  rejected: { name: string; sourceLabel: string; reason: string }[];
  clashes: { name: string }[];
}

describe('imperium skills (end to end)', function () {
  this.timeout(60_000);
  let workspace: SkillWorkspace;
  let json: CommandOutput;
  let human: CommandOutput;
  let clean: CommandOutput;

  before(async () => {
    workspace = await workspaceWithCommunitySkills();
    clean = await imperium(['skills', workspace.root, '--json', '--no-user']);
    await mkdir(join(workspace.root, '.claude/skills/Bad-Name'), { recursive: true });
    await writeFile(join(workspace.root, '.claude/skills/Bad-Name/SKILL.md'), '---\nname: Bad-Name\ndescription: d\n---\n');
    [json, human] = await Promise.all([imperium(['skills', workspace.root, '--json', '--no-user']), imperium(['skills', '.', '--no-user'], workspace.root)]);
  });
  after(() => workspace.remove());

  it('lists community skills copied into .claude/skills with their own names and descriptions, beside the built-ins', () => {
    assert.equal(clean.code, 0, clean.stderr);
    const output = JSON.parse(clean.stdout) as SkillsJson;
    const tdd = output.skills.find((skill) => skill.name === 'tdd');
    assert.deepEqual([tdd?.source, tdd?.code], ['builtin', ['red gate', 'green gate', 'tamper guard']]);
    assert.equal(output.skills.find((skill) => skill.name === 'planning')?.source, 'builtin');
    const dev = output.skills.find((skill) => skill.name === 'wednesday-dev');
    assert.equal(dev?.sourceLabel, '.claude/skills');
    assert.match(dev?.description ?? '', /^Technical development guidelines for Wednesday Solutions projects/);
    assert.ok(output.skills.some((skill) => skill.name === 'kiro-review'));
    assert.deepEqual(output.rejected, []);
  });

  it('lists a rejected skill with its reason and exits 1', () => {
    assert.equal(json.code, 1);
    const output = JSON.parse(json.stdout) as SkillsJson;
    assert.deepEqual(
      output.rejected.map((skill) => [skill.name, skill.sourceLabel]),
      [['Bad-Name', '.claude/skills']],
    );
    assert.match(output.rejected[0].reason, /uppercase letter/);
    assert.ok(output.skills.length > 2, 'the others still load');
  });

  it('prints a table for people', () => {
    assert.equal(human.code, 1);
    assert.match(human.stdout, /^Skills for .*: \d+ loaded, 1 rejected\./);
    assert.match(human.stdout, /\n {2}tdd +built-in +Test-driven development.*\[code: red gate, green gate, tamper guard\]/);
    assert.match(human.stdout, /\nRejected:\n {2}Bad-Name +\.claude\/skills +its name "Bad-Name" has an uppercase letter/);
  });

  it('refuses a missing folder', async () => {
    const missing = await imperium(['skills', join(workspace.root, 'nope')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /does not exist/);
  });
});
