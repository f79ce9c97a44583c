import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { AGENT_ROLES } from '../../../../src/shared/agents';
import { scriptedModelFor, VENDOR } from './scriptedProvider';

// The fixture extension registers its provider through the finalized provider API, and its models
// reach any extension through vscode.lm, as Copilot's do.
describe('models another extension offers through vscode.lm', () => {
  it('are listed by selectChatModels for their vendor, one per agent role', async () => {
    const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
    assert.deepEqual(models.map((model) => model.id).sort(), AGENT_ROLES.map(scriptedModelFor).sort());
    for (const model of models) {
      assert.equal(model.vendor, VENDOR);
      assert.equal(model.family, 'scripted');
      assert.equal(model.maxInputTokens, 128_000);
    }
  });

  it('are found by family and by id', async () => {
    assert.equal((await vscode.lm.selectChatModels({ family: 'scripted' })).length, AGENT_ROLES.length);
    const [codebot] = await vscode.lm.selectChatModels({ id: scriptedModelFor('codebot') });
    assert.equal(codebot?.name, 'Scripted codebot');
  });
});
