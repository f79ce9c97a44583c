import { strict as assert } from 'node:assert';
import { modelStatus } from '../../../../src/host/firstRun/modelStatusText';

const base = { provider: 'openai-compatible' as const, name: 'gpt-4.1-mini', baseUrl: 'https://api.openai.com/v1', problem: undefined };

describe('the model in the status bar', () => {
  it('names the active model and where it answers', () => {
    assert.deepEqual(modelStatus(base), {
      text: '$(hubot) gpt-4.1-mini',
      tooltip: "Imperium Flow's agents talk to gpt-4.1-mini at https://api.openai.com/v1. Click to choose a model.",
      warning: false,
    });
  });

  it('says "No model", with the reason, in warning colours when none can answer', () => {
    const status = modelStatus({ ...base, problem: 'No model is set: there is no API key for https://api.openai.com.' });
    assert.equal(status.text, '$(warning) No model');
    assert.ok(status.warning);
    assert.match(status.tooltip, /no API key for https:\/\/api\.openai\.com\. Click to choose a model\.$/);
  });

  it('for vscode-lm without a name, shows the model that answers: the first offered', () => {
    const status = modelStatus({ ...base, provider: 'vscode-lm', name: '', firstOffered: 'copilot/gpt-4o' });
    assert.equal(status.text, '$(hubot) copilot/gpt-4o');
    assert.match(status.tooltip, /Language Model API \(no model named: the first one offered\)/);
    assert.equal(modelStatus({ ...base, provider: 'vscode-lm', name: 'copilot/o3' }).text, '$(hubot) copilot/o3');
  });

  it('says SCRIPTED while the trial runs, whatever else is set', () => {
    const status = modelStatus({ ...base, problem: 'No model is set.', trialRunning: true });
    assert.equal(status.text, '$(beaker) Scripted model (trial)');
    assert.ok(!status.warning);
    assert.match(status.tooltip, /SCRIPTED model/);
  });
});
