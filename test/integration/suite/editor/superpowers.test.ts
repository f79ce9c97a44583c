import * as assert from 'node:assert/strict';
import { cp, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';

// Community skills copied unchanged into the workspace's .claude/skills show in the sidebar's
// Superpowers section with their own names and descriptions, beside the built-in tdd and planning,
// and a broken one is listed with its reason. The skills are the ones published on npm (a
// devDependency of the repository), read from its node_modules.
describe('the Superpowers section in the real editor', () => {
  const driver = PageDriver.fromEnvironment();
  const published = join(imperiumExtension().extensionPath, 'node_modules/@wednesday-solutions-eng/ai-agent-skills/skills');
  let skillsFolder: string;

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the run opens a folder');
    skillsFolder = join(root, '.claude/skills');
    await mkdir(skillsFolder, { recursive: true });
    for (const name of await readdir(published)) await cp(join(published, name), join(skillsFolder, name), { recursive: true });
    await mkdir(join(skillsFolder, 'Not-Valid'), { recursive: true });
    await vscode.workspace.fs.writeFile(vscode.Uri.file(join(skillsFolder, 'Not-Valid/SKILL.md')), Buffer.from('---\nname: Not-Valid\ndescription: d\n---\n'));
    await vscode.commands.executeCommand('imperium.reloadSkills');
  });

  after(() => (skillsFolder ? rm(skillsFolder, { recursive: true, force: true }) : undefined));

  it('lists the community skills with their own names and descriptions beside the built-ins, and the broken one with its reason', async () => {
    const page = driver as PageDriver;
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    await page.waitFor('sidebar', { role: 'region', name: 'Superpowers' });
    await page.waitFor('sidebar', { selector: '.skill-list li.skill-workspace' });
    const skills = (await page.texts('sidebar', '.skill-list li')).join('\n');
    assert.match(skills, /tdd · built-in/);
    assert.match(skills, /Brings code: red gate, green gate, tamper guard/);
    assert.match(skills, /planning · built-in/);
    assert.match(skills, /wednesday-dev · \.claude\/skills\s*Technical development guidelines for Wednesday Solutions projects/);
    assert.match(skills, /wednesday-design · \.claude\/skills\s*Design and UX guidelines for Wednesday Solutions projects/);
    const problems = (await page.texts('sidebar', '.skill-problems li')).join('\n');
    assert.match(problems, /Not-Valid \(\.claude\/skills\) not loaded: its name "Not-Valid" has an uppercase letter/);
  });
});
