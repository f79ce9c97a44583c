import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { WorkflowsApi, WorkflowTestHooks } from '../../../../src/host/api';
import { readScenarioFile } from '../../../../src/llm/scriptedServer/scenario';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension, personAtTheEditor } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until as waitUntil } from '../until';

// The extension's own command center and sidebar on the real feature workflow (the scripted model
// server stands in for the model; engine, agents' tools, test runs and gates are real), used through
// the page driver as a person would: each edit, held for review, is approved with a click in the
// command center. With $IMPERIUM_SCREENSHOT_DIR set, the views are photographed for the README.

const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 120_000) => waitUntil(what, probe, timeoutMs);

describe('the command center and the sidebar on a real workflow', function () {
  this.timeout(300_000);
  const driver = PageDriver.fromEnvironment();
  const screenshots = process.env.IMPERIUM_SCREENSHOT_DIR;
  const settings = () => vscode.workspace.getConfiguration('imperium');
  const workbench = () => vscode.workspace.getConfiguration('workbench');
  let server: ScriptedModelServer;
  let workflows: WorkflowsApi;
  let person: WorkflowTestHooks;
  let workflowId: string | undefined;

  before(async function () {
    // Without the web harness (a desktop VS Code), nothing can reach into the webviews.
    if (!driver) this.skip();
    workflows = await (await imperiumApi()).workflows();
    person = await personAtTheEditor();
    const scenario = await readScenarioFile(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'bookshelf-citation.json'));
    server = await startScriptedModelServer(scenario);
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', scenario.model, vscode.ConfigurationTarget.Global);
    await settings().update('review.mode', 'always', vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    // The other tests of this run start from the example as it was.
    if (workflowId) {
      const id = workflowId;
      if (workflows.list().some((workflow) => workflow.id === id && (workflow.status === 'RUNNING' || workflow.status === 'PAUSED'))) {
        await vscode.commands.executeCommand('imperium.cancelWorkflow', id);
        await workflows.settled(id);
      }
      await person.undo(id);
    }
    await settings().update('review.mode', undefined, vscode.ConfigurationTarget.Global);
    await workbench().update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
    await driver?.resize(1280, 800);
    await server?.close();
  });

  it('approves each edit with a click in the command center, and the edits land', async () => {
    const page = driver as PageDriver;
    const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
    assert.ok(root, 'the run opens a folder');
    // Room for the views: the chat's side bar goes, and the window is tall enough for the whole command center.
    await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');
    await page.resize(1600, 1000);
    await workbench().update('colorTheme', 'Default Dark Modern', vscode.ConfigurationTarget.Global);
    await Promise.all([vscode.commands.executeCommand('imperium.dashboard.focus'), vscode.commands.executeCommand('imperium.openCommandCenter')]);
    workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', REQUEST);
    assert.ok(workflowId, 'the command answers with the workflow id');
    let ended = false;
    const settled = workflows.settled(workflowId).finally(() => (ended = true));
    let approved = 0;
    while (!ended) {
      const waiting = person.pendingApprovals().find((approval) => approval.request.kind === 'edit');
      if (!waiting || waiting.request.kind !== 'edit') {
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      const { path, after } = waiting.request;
      await page.waitFor('command-center', { selector: '.approval-edit .approval-path' });
      if (approved === 0 && screenshots) await page.screenshot(join(screenshots, 'command-center-approval.png'), 'command-center');
      await page.click('command-center', { role: 'button', name: `Approve the edit to ${path}` });
      // What was approved, and nothing else, is written once the decision reaches the agent.
      await until(`the approved edit to ${path} to land`, async () => ((await readFile(join(root, path), 'utf8').catch(() => undefined)) === after ? true : undefined));
      approved++;
    }
    const { status, reason } = await settled;
    assert.equal(status, 'COMPLETED', reason);
    assert.ok(approved >= 2, `the tests and the code were both approved in the view (${approved} edits)`);
    await page.waitFor('command-center', { selector: '.summary-head .status-completed' });
    await page.waitFor('sidebar', { selector: '.summary-head .status-completed' });
  });

  it('saves screenshots of both views, dark and light, when asked to ($IMPERIUM_SCREENSHOT_DIR)', async function () {
    // Only on demand: the images in docs/images are not rewritten by every test run.
    if (!screenshots) this.skip();
    const page = driver as PageDriver;
    await page.resize(1600, 1900);
    // The charts' next drawing after the last event.
    await new Promise((resolve) => setTimeout(resolve, 600));
    await page.screenshot(join(screenshots as string, 'command-center.png'), 'command-center');
    await page.resize(1600, 1000);
    await page.screenshot(join(screenshots as string, 'sidebar-dashboard.png'), 'sidebar');
    await workbench().update('colorTheme', 'Default Light Modern', vscode.ConfigurationTarget.Global);
    await page.waitFor('command-center', { selector: 'body.vscode-light' }, { state: 'attached' });
    await new Promise((resolve) => setTimeout(resolve, 600));
    await page.screenshot(join(screenshots as string, 'dashboard-light-theme.png'));
  });
});
