import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImperiumApi } from '../../../../src/host/api';
import { imperiumApi } from '../imperium';

function setApiKey(key: string): Promise<unknown> {
  return Promise.resolve(vscode.commands.executeCommand('imperium.setApiKey', key));
}

describe('imperium.setApiKey', () => {
  let api: ImperiumApi;

  before(async () => {
    api = await imperiumApi();
  });

  it('stores a key given as argument, without prompting; the API shows only its last four characters', async () => {
    assert.equal(await setApiKey('sk-integration-1234abcd'), true);
    assert.equal(await api.apiKeyFingerprint(), '…abcd');
  });

  it('rejects an invalid key and keeps the stored one', async () => {
    assert.equal(await setApiKey('sk-integration-kept-5678'), true);
    await assert.rejects(setApiKey(''), /empty/);
    await assert.rejects(setApiKey('a b'), /whitespace/);
    assert.equal(await api.apiKeyFingerprint(), '…5678');
  });
});
