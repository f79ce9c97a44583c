import * as assert from 'node:assert/strict';
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { imperiumExtension } from '../imperium';

interface ContributedCommand {
  readonly command: string;
}

describe('activation', () => {
  it('activates in the fixture workspace and reports how long activate() took', async () => {
    const started = performance.now();
    const extension = imperiumExtension();
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    console.log(`activation: ${api.activationMs.toFixed(1)} ms (active ${(performance.now() - started).toFixed(0)} ms after the test started)`);
    assert.equal(api.version, extension.packageJSON.version);
    assert.deepEqual(vscode.workspace.workspaceFolders?.map((folder) => basename(folder.uri.path)), ['integration-workspace']);
  });

  it('registers every command package.json contributes', async () => {
    const contributed = (imperiumExtension().packageJSON.contributes.commands as ContributedCommand[]).map((entry) => entry.command);
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'contributed but not registered');
  });
});
