import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { imperiumApi } from '../imperium';

// The folder's settings choose the Conductor engine at an address where nothing listens (port 2 on
// loopback): the workflows do not open and say which address did not answer; the token commands
// keep a token in SecretStorage for that server and clear it.

describe('Conductor settings in the editor', () => {
  it('reads imperium.engine and imperium.conductor.url from the workspace settings', () => {
    const section = vscode.workspace.getConfiguration('imperium');
    assert.equal(section.get('engine'), 'conductor');
    assert.equal(section.get('conductor.url'), 'http://127.0.0.1:2');
  });

  it('does not open the workflows while the server does not answer, naming its address; a retry asks again', async () => {
    const api = await imperiumApi();
    await assert.rejects(api.workflows(), /^ConductorUnreachableError: Conductor unreachable at http:\/\/127\.0\.0\.1:2: fetch failed \(ECONNREFUSED\)\. .*imperium\.conductor\.url/);
    // The palette's command shows the notification (with Retry) rather than throwing.
    assert.equal(await vscode.commands.executeCommand('imperium.startWorkflow', 'Add a subtract function'), undefined);
    await assert.rejects(api.workflows(), /Conductor unreachable at http:\/\/127\.0\.0\.1:2/, 'a failed open is tried again on the next request');
  });

  it('stores a token for the server and clears it, refusing one that is not a string', async () => {
    assert.equal(await vscode.commands.executeCommand('imperium.setConductorToken', 'token-for-tests-1234'), true);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imperium.setConductorToken', 42)), /takes the token as a string argument/);
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand('imperium.setConductorToken', 'has a space')), /no spaces or control characters/);
    assert.equal(await vscode.commands.executeCommand('imperium.clearConductorToken'), true);
  });
});
