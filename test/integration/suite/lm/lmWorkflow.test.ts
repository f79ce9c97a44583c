import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { ScriptedModelServer } from '../../../../src/llm/scriptedServer/scriptedModelServer';
import { imperiumApi, imperiumExtension } from '../imperium';
import { scriptedModelFor, serveScenario, stopServing } from './scriptedProvider';

// The feature workflow in the editor with imperium.model.provider = "vscode-lm": every agent talks to
// a model another extension offers (the fixture standing in for Copilot), a model per role, and the
// bundled example's scenario answers behind it. No key, no OpenAI-compatible endpoint.

const REQUEST = 'Add Shelf#citation(title): an APA-style citation of a book on the shelf, "Surname, I. (Year). Title.", with n.d. when the year is unknown.';
const ROLES = ['product-owner', 'cto', 'cso', 'testbot', 'codebot'] as const;

describe('the feature workflow on a vscode.lm model', function () {
  this.timeout(240_000);
  let server: ScriptedModelServer | undefined;
  const settings = () => vscode.workspace.getConfiguration('imperium');

  before(async () => {
    server = await serveScenario(join(imperiumExtension().extensionPath, 'examples', 'scenarios', 'bookshelf-citation.json'));
    await settings().update('model.provider', 'vscode-lm', vscode.ConfigurationTarget.Global);
    await settings().update('model.name', 'scripted', vscode.ConfigurationTarget.Global);
    await settings().update('model.roles', Object.fromEntries(ROLES.map((role) => [role, scriptedModelFor(role)])), vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const key of ['model.provider', 'model.name', 'model.roles']) await settings().update(key, undefined, vscode.ConfigurationTarget.Global);
    if (server) await stopServing(server);
  });

  it('a vscode.lm model drives a workflow to COMPLETED', async () => {
    const workflows = await (await imperiumApi()).workflows();
    const workflowId = await vscode.commands.executeCommand<string>('imperium.startWorkflow', REQUEST);
    assert.ok(workflowId, 'the command answers with the workflow id');
    const settled = await workflows.settled(workflowId);
    assert.equal(settled.status, 'COMPLETED', settled.reason);

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder);
    assert.match(await readFile(join(folder.uri.fsPath, 'src', 'shelf.js'), 'utf8'), /citation\(title\)/);
    const chats = (server?.requests ?? []).filter((request) => request.path === '/v1/chat/completions');
    assert.deepEqual([...new Set(chats.map((request) => request.role))].sort(), [...ROLES].sort(), 'every role reached its script');
    for (const request of chats) {
      assert.equal((request.body as { model: string }).model, scriptedModelFor(request.role ?? ''), 'each role through the model chosen for it');
    }
  });
});
