import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import type { RunConfinement } from '../../../../src/shared/testResults';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until } from '../until';

// On a machine whose bubblewrap cannot create a sandbox (the runner puts a failing bwrap first on
// the editor's PATH), model-written code runs unconfined: the person is told so where they look,
// once per window in a notification and beside the counts in the command center's Tests card, and
// the workflow still runs (with the scrubbed environment) rather than failing.


describe('test runs on a machine without a usable sandbox', function () {
  this.timeout(240_000);
  const driver = PageDriver.fromEnvironment();

  it('says in a notification and in the Tests card that the runs were not confined, once', async function () {
    if (!driver) this.skip(); // a desktop build: nothing reads the workbench's page
    const page = driver as PageDriver;
    const settings = vscode.workspace.getConfiguration('imperium');
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'roman-numerals-fix.json'));
    const server = await startScriptedModelServer(scenario);
    try {
      await settings.update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
      await settings.update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
      const workflows = await (await imperiumApi()).workflows();
      const confinements: RunConfinement[] = [];
      const listening = workflows.onDidEmit((event) => {
        if (event.type === 'test-run' && event.confinement) confinements.push(event.confinement);
      });
      await vscode.commands.executeCommand('imperium.openCommandCenter');
      const workflowId = await vscode.commands.executeCommand<string>('imperium.fixWithAgents', ['test/roman.test.js']);
      assert.ok(workflowId, 'the command answers with the workflow id');
      const settled = await workflows.settled(workflowId).finally(() => listening.dispose());
      assert.equal(settled.status, 'COMPLETED', settled.reason);
      assert.ok(confinements.length >= 2, `red and green ran tests (${confinements.length} runs said how they were confined)`);
      assert.ok(confinements.every((confinement) => !confinement.confined), JSON.stringify(confinements));

      // A toast hides itself after a while; the notification center keeps every notification.
      await vscode.commands.executeCommand('notifications.showList');
      const toasts = await until('the notification', async () => {
        const texts = await page.workbenchTexts('.notifications-center .notification-list-item-message', 5_000).catch(() => []);
        return texts.some((text) => text.includes('NOT confined')) ? texts : undefined;
      }, 30_000);
      const notices = toasts.filter((text) => text.includes('NOT confined'));
      assert.equal(notices.length, 1, `one notification for the window, not one per run:\n${toasts.join('\n')}`);
      assert.match(notices[0], /bubblewrap \(bwrap\) is not installed or cannot create a sandbox here.*the environment is scrubbed.*Security model/);

      const card = await page.texts('command-center', 'section.tests .test-confinement.unconfined', 30_000);
      assert.match(card.join('\n'), /NOT confined: bubblewrap/);
      await page.screenshot(join('out', 'screenshots', 'unconfined-test-runs.png'));
    } finally {
      await server.close();
      await settings.update('model.baseUrl', undefined, vscode.ConfigurationTarget.Global);
      await settings.update('model.name', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
