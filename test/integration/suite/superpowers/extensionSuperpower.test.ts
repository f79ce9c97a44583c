import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { imperiumApi } from '../imperium';
import { PageDriver } from '../pageDriver';

// An installed extension that declares a superpower (contributes.imperiumSuperpowers) brings code:
// Imperium activates it, reads the tools its API exports, and the Superpowers section names them
// beside the built-ins. (The fixture extension is installed in this run's profile.)
const FIXTURE_ID = 'imperium-flow-tests.superpower-fixture';

describe("an installed extension's superpower in the real editor", () => {
  const driver = PageDriver.fromEnvironment();

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
    assert.ok(vscode.extensions.getExtension(FIXTURE_ID), `${FIXTURE_ID} is installed in this run`);
    await vscode.commands.executeCommand('imperium.reloadSkills');
  });

  it('activates the extension, reads the tools its API exports and shows them in the Superpowers section', async () => {
    const page = driver as PageDriver;
    await vscode.commands.executeCommand('imperium.dashboard.focus');
    await page.waitFor('sidebar', { role: 'region', name: 'Superpowers' });
    await page.waitFor('sidebar', { selector: '.skill-list li.skill-extension' });
    const skills = (await page.texts('sidebar', '.skill-list li')).join('\n');
    assert.match(skills, /tdd · built-in/);
    assert.match(skills, new RegExp(`review-kit · extension ${FIXTURE_ID.replace(/\./g, '\\.')}\\s*Reviews changed files by the kit's rules`));
    assert.match(skills, new RegExp(`Brings code: tool review_kit_lint \\(${FIXTURE_ID.replace(/\./g, '\\.')}\\)`));
    assert.equal(vscode.extensions.getExtension(FIXTURE_ID)?.isActive, true, 'Imperium activated it to read its tools');
  });
});
