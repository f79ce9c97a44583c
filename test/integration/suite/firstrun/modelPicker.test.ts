import * as assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ChosenModel } from '../../../../src/host/firstRun/chooseModelCommand';
import { type ScriptedModelServer, startScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi } from '../imperium';
import { PageDriver } from '../pageDriver';
import { until as waitUntil } from '../until';

// "Imperium: Choose Model…" in the real quick pick: the endpoint's models from the scripted model
// server's GET /v1/models, and the vscode.lm models of the fixture extension (a stand-in for Copilot).

const settings = () => vscode.workspace.getConfiguration('imperium');
/** The status bar entry's element id: the extension's id and the item's. */
const MODEL_STATUS_ITEM = 'imperium-flow.imperium-flow.imperium.model';

const until = <T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000) => waitUntil(what, probe, timeoutMs, { intervalMs: 200, retryErrors: true });

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('the model picker and the model in the status bar', function () {
  this.timeout(120_000);
  const driver = PageDriver.fromEnvironment();
  let server: ScriptedModelServer;

  const rows = (page: PageDriver, containing: string) =>
    until(`a quick pick row with "${containing}"`, async () => {
      const texts = await page.workbenchTexts('.quick-input-list .monaco-list-row', 5_000);
      return texts.some((text) => text.includes(containing)) ? texts : undefined;
    });
  const statusBar = (page: PageDriver, containing: string) =>
    until(`"${containing}" in the status bar`, async () => ((await page.workbenchTexts('.statusbar-item', 5_000)).some((text) => text.includes(containing)) ? true : undefined));

  before(async function () {
    if (!driver) this.skip();
    await imperiumApi();
    server = await startScriptedModelServer({ model: 'scripted-picker', roles: {} });
    await settings().update('model.baseUrl', server.url, vscode.ConfigurationTarget.Global);
    // The fixture's models reach vscode.lm a few seconds after activation.
    await until('the fixture models in vscode.lm', async () => ((await vscode.lm.selectChatModels({ vendor: 'imperium-scripted' })).length > 0 ? true : undefined));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    for (const key of ['model.baseUrl', 'model.provider', 'model.name']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it("lists the endpoint's models and the vscode.lm models; picking one writes the provider and the name, and the status bar shows it", async () => {
    const page = driver as PageDriver;
    // A person opens the picker from the status bar.
    await page.workbenchClick({ selector: `[id="${MODEL_STATUS_ITEM}"]` });
    const listed = await rows(page, 'scripted-picker');
    assert.deepEqual(await page.workbenchTexts('.quick-input-title', 5_000), ['Imperium Flow: choose the agents’ model']);
    assert.ok(listed.some((text) => text.includes('imperium-scripted/scripted-codebot')), `the vscode.lm models are listed too: ${JSON.stringify(listed)}`);
    assert.ok(listed.some((text) => text.includes('Try Without a Model')), `the way without a model is offered: ${JSON.stringify(listed)}`);
    assert.ok(server.requests.some((request) => request.method === 'GET' && request.path === '/v1/models'), 'the endpoint was asked for its models');
    await page.screenshot(join('out', 'screenshots', 'firstrun-model-picker.png'));
    // The endpoint's first model is the active row.
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await until('the choice to be written', async () => (settings().get('model.name') === 'scripted-picker' ? true : undefined));
    assert.equal(settings().get('model.provider'), 'openai-compatible');
    assert.equal(settings().get('model.name'), 'scripted-picker');
    await statusBar(page, 'scripted-picker');
    // The endpoint is on this machine (no key needed), so a model can answer: the walkthrough's first step is done.
    await vscode.commands.executeCommand('imperium.openWalkthrough');
    await until('"Choose a model" done in the walkthrough', async () =>
      (await page.workbenchTexts('.gettingStartedContainer .getting-started-step[aria-checked="true"] .step-title', 5_000)).includes('Choose a model') ? true : undefined,
    );
  });

  it('with vscode-lm and no model named, the default name is no filter: the status bar names the first model offered', async () => {
    const page = driver as PageDriver;
    await settings().update('model.provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
    await settings().update('model.name', undefined, vscode.ConfigurationTarget.Global);
    const [first] = (await vscode.lm.selectChatModels()).filter((model) => model.vendor !== 'imperium');
    assert.ok(first, 'the fixture offers models');
    await statusBar(page, `${first.vendor}/${first.id}`);
  });

  it('says why the endpoint lists nothing when it does not answer', async () => {
    const page = driver as PageDriver;
    await settings().update('model.provider', undefined, vscode.ConfigurationTarget.Global);
    await settings().update('model.baseUrl', `http://127.0.0.1:${await closedPort()}/v1`, vscode.ConfigurationTarget.Global);
    const picked = vscode.commands.executeCommand<ChosenModel | undefined>('imperium.chooseModel');
    const listed = await rows(page, 'does not answer');
    assert.ok(listed.some((text) => text.includes('ECONNREFUSED')), JSON.stringify(listed));
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.equal(await picked, undefined);
  });
});
