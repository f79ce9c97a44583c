import * as assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { imperiumApi } from '../imperium';

// The folder opens in Restricted Mode (Workspace Trust): nothing executes. No workflow starts, no
// file changes, no model call is made; what the extension shows stays readable.

function folderPath(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder);
  return folder.uri.fsPath;
}

async function tree(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return files;
}

describe('Restricted Mode', () => {
  it('opens the folder untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('starts no workflow, from the palette or "Implement with agents", and changes no file', async () => {
    const before = await tree(folderPath());
    // The workflow service, whose state lives in <folder>/.imperium/, does not open in an untrusted folder.
    await assert.rejects((await imperiumApi()).workflows(), /Restricted Mode/);
    assert.equal(await vscode.commands.executeCommand('imperium.startWorkflow', 'Add a subtract function'), undefined);
    const target = { kind: 'stub', path: 'math.js', startLine: 2, endLine: 4, symbol: 'add', description: 'function add(a, b)' };
    assert.equal(await vscode.commands.executeCommand('imperium.implementWithAgents', target), undefined);
    assert.deepEqual(await tree(folderPath()), before, 'no file changed');
  });

  it('lists no tests and runs none, and says why in the Test Explorer', async () => {
    const tests = (await imperiumApi()).tests;
    assert.ok(tests, 'the Test Explorer is there');
    await tests.refresh();
    const notice = JSON.stringify(tests.items());
    assert.match(notice, /Restricted Mode/, `the explorer explains why it lists nothing: ${notice}`);
    await assert.rejects(tests.runner.run({}, { label: 'an agent run' }), /Restricted Mode/);
  });

  it('keeps the views readable: the command center opens', async () => {
    await vscode.commands.executeCommand('imperium.openCommandCenter');
    const deadline = Date.now() + 20_000;
    const webviewTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputWebview);
    while (webviewTabs().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(webviewTabs().length > 0, 'the command center tab is open');
  });
});
