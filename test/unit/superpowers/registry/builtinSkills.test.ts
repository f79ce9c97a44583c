// Imperium's own superpowers: valid Agent Skills, contributed to Copilot through chatSkills so the
// same folders load there, and the same content agents get as built-ins.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nodeSkillFileSystem } from '../../../../src/infra/skills/nodeSkillFileSystem';
import { BUILTIN_CODE_SKILLS } from '../../../../src/superpowers/builtinSuperpowers';
import { discoverSkills } from '../../../../src/superpowers/registry/skillDiscovery';
import { tddSuperpower } from '../../../../src/superpowers/tdd/tddSuperpower';
import { greenGate } from '../../../../src/superpowers/tdd/greenGate';
import { redGate } from '../../../../src/superpowers/tdd/redGate';
import { REPO_ROOT } from './communitySkills';

describe("Imperium's built-in superpowers", () => {
  it('contributes tdd and planning through contributes.chatSkills, and they load as any extension\'s would', async () => {
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { chatSkills: { path: string }[] } };
    assert.deepEqual(manifest.contributes.chatSkills.map((entry) => entry.path), ['./skills/tdd/SKILL.md', './skills/planning/SKILL.md']);
    const asExtension = await discoverSkills({
      files: nodeSkillFileSystem,
      packageRoot: join(REPO_ROOT, 'no-built-ins-here'),
      builtinCode: [],
      trusted: true,
      extensions: [{ id: 'someone.else', extensionPath: REPO_ROOT, packageJSON: manifest }],
    });
    assert.deepEqual(asExtension.rejected, []);
    assert.deepEqual(asExtension.skills.map((skill) => skill.name), ['tdd', 'planning']);
    assert.ok(asExtension.skills.every((skill) => skill.code === undefined), 'chatSkills bring instructions only');

    const builtIn = await discoverSkills({ files: nodeSkillFileSystem, packageRoot: REPO_ROOT, builtinCode: BUILTIN_CODE_SKILLS, trusted: true });
    const hashes = (skills: typeof builtIn.skills) => Object.fromEntries(skills.map((skill) => [skill.name, skill.contentHash]));
    assert.deepEqual(hashes(builtIn.skills), hashes(asExtension.skills));
  });

  it('tdd brings the red gate, the green gate and the tamper guard as code', () => {
    assert.equal(tddSuperpower.redGate, redGate);
    assert.equal(tddSuperpower.greenGate, greenGate);
    assert.match(tddSuperpower.tamperGuard('test/shelf.test.js') ?? '', /tests and test configuration are fixed/);
    assert.equal(tddSuperpower.tamperGuard('src/shelf.js'), undefined);
    assert.deepEqual(BUILTIN_CODE_SKILLS, ['tdd']);
  });
});
