import * as assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { imperiumExtension } from '../imperium';

interface ContributedCommand {
  readonly command: string;
}

describe('activation', () => {
  it('activates in the fixture workspace, loading only the entry point and the host bundle, and reports what it cost', async () => {
    const started = performance.now();
    const extension = imperiumExtension();
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    // Measured and reported, not held to a budget: a shared machine's timing says little.
    console.log(
      `activation: ${api.activationMs.toFixed(1)} ms from loading the extension's code to the end of activate() ` +
        `(${api.activationLoadMs.toFixed(1)} ms loading it, ${(api.activationMs - api.activationLoadMs).toFixed(1)} ms in activate()), ` +
        `${(api.activationBytes / 1024).toFixed(0)} KiB of it loaded (active ${(performance.now() - started).toFixed(0)} ms after the test started)`,
    );
    assert.ok(Number.isFinite(api.activationMs) && api.activationMs > 0, `activationMs ${api.activationMs}`);
    assert.ok(api.activationLoadMs > 0 && api.activationLoadMs < api.activationMs, `activationLoadMs ${api.activationLoadMs} of ${api.activationMs}`);
    // The engine's libraries (tokenizer, secret rules) are separate files, loaded on first use only.
    const bundle = (name: string) => statSync(join(extension.extensionPath, 'dist', name)).size;
    assert.equal(api.activationBytes, bundle('extension.js') + bundle('host.js'), 'exactly the entry point and the host bundle are loaded at activation');
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
