import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until } from '../until';

// @imperium in the real Chat view, with no Copilot: Imperium's own configured endpoint (here the
// scripted model server, on loopback: no key) is registered as a vscode.lm provider, so the view has
// a model and calls the participant. A message starts the feature workflow on the bundled example's
// scenario, the response follows it to the end, and /status answers from the same conversation.

const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';


describe('@imperium in the Chat view', function () {
  this.timeout(300_000);
  let server: ScriptedModelServer | undefined;
  const settings = () => vscode.workspace.getConfiguration('imperium');

  before(async () => {
    server = await startScriptedModelServer(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'bookshelf-citation.json'));
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    await settings().update('model.name', 'scripted-demo', vscode.ConfigurationTarget.Global);
    await imperiumApi();
  });

  after(async () => {
    for (const key of ['model.baseUrl', 'model.name']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it("offers Imperium's configured model through vscode.lm", async () => {
    const models = await until('the Imperium model in vscode.lm', async () => {
      const offered = await vscode.lm.selectChatModels({ vendor: 'imperium' });
      return offered.some((model) => model.id === 'scripted-demo') ? offered : undefined;
    }, 30_000);
    assert.deepEqual(models.map((model) => [model.vendor, model.id]), [['imperium', 'scripted-demo']]);
  });

  it('starts a workflow from a message, follows it to COMPLETED in the response, and answers /status in the same conversation', async () => {
    const workflows = await (await imperiumApi()).workflows();
    const before = new Set(workflows.list().map((workflow) => workflow.id));
    await vscode.commands.executeCommand('workbench.action.chat.open', { query: `@imperium /feature ${REQUEST}` });
    const started = await until('a workflow started from the Chat view', () => workflows.list().find((workflow) => !before.has(workflow.id)), 60_000);
    const settled = await workflows.settled(started.id);
    assert.equal(settled.status, 'COMPLETED', settled.reason);
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.match(await readFile(join(folder.uri.fsPath, 'src', 'shelf.js'), 'utf8'), /citation\(title\)/);

    const driver = PageDriver.fromEnvironment();
    if (!driver) return; // a desktop build has no page driver: the workflow's run is what is checked there
    const response = (await until('the response to end with the workflow', async () => {
      const texts = await driver.workbenchTexts('.interactive-session .interactive-response', 5_000).catch(() => []);
      return texts.some((text) => text.includes(`${started.id} is done`)) ? texts : undefined;
    }, 60_000)).join('\n');
    for (const expected of [`Started ${started.id} (feature)`, 'Plan', 'Product Owner', 'TestBot', 'CodeBot', 'The Board', 'tool step']) {
      assert.ok(response.includes(expected), `the response shows "${expected}":\n${response}`);
    }
    await driver.screenshot(join('out', 'screenshots', 'chat-feature.png'));

    await vscode.commands.executeCommand('workbench.action.chat.open', { query: '@imperium /status' });
    const status = await until('the /status answer', async () => {
      const texts = await driver.workbenchTexts('.interactive-session .interactive-response', 5_000).catch(() => []);
      return texts.find((text) => text.includes(`${started.id} is completed`));
    }, 30_000);
    assert.match(status, /What happened so far/);
  });
});
