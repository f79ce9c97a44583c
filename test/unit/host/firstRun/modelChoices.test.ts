import { strict as assert } from 'node:assert';
import { modelChoices, NO_LM_MODELS } from '../../../../src/host/firstRun/modelChoices';

const copilot = (id: string, family = id) => ({ id, family, vendor: 'copilot', name: `GPT ${id}` });

describe('the model picker merges the endpoint and vscode.lm', () => {
  it("lists the endpoint's models, then the vscode.lm models as vendor/id, leaving Imperium's own provider out", () => {
    const sections = modelChoices(
      { baseUrl: 'http://127.0.0.1:11434/v1', models: ['llama3.1', 'qwen2.5-coder'] },
      [copilot('gpt-4o'), { id: 'gpt-4.1-mini', family: 'gpt-4.1-mini', vendor: 'imperium', name: 'gpt-4.1-mini (Imperium)' }, copilot('gpt-4o')],
      { provider: 'openai-compatible', name: undefined },
    );
    assert.deepEqual(
      sections.map((section) => [section.title, section.choices.map((choice) => `${choice.provider}:${choice.name}`), section.problem?.message]),
      [
        ['Endpoint 127.0.0.1:11434', ['openai-compatible:llama3.1', 'openai-compatible:qwen2.5-coder'], undefined],
        ['VS Code Language Model API', ['vscode-lm:copilot/gpt-4o'], undefined],
      ],
    );
    assert.equal(sections[1]?.choices[0]?.label, 'GPT gpt-4o');
  });

  it('marks the current choice, on the provider it belongs to only', () => {
    const sections = modelChoices({ baseUrl: 'https://api.openai.com/v1', models: ['gpt-4o'] }, [copilot('gpt-4o')], { provider: 'vscode-lm', name: 'gpt-4o' });
    assert.deepEqual(
      sections.flatMap((section) => section.choices.filter((choice) => choice.current).map((choice) => choice.name)),
      ['copilot/gpt-4o'],
    );
    const byLabel = modelChoices({ baseUrl: 'https://api.openai.com/v1', models: ['gpt-4o'] }, [copilot('gpt-4o')], { provider: 'openai-compatible', name: 'gpt-4o' });
    assert.deepEqual(
      byLabel.flatMap((section) => section.choices.filter((choice) => choice.current).map((choice) => `${choice.provider}:${choice.name}`)),
      ['openai-compatible:gpt-4o'],
    );
  });

  it('says why a section is empty and what fixes it', () => {
    const down = modelChoices({ baseUrl: 'http://127.0.0.1:9/v1', problem: 'The endpoint http://127.0.0.1:9/v1 does not answer (ECONNREFUSED).', fix: 'open-endpoint-setting' }, [], { provider: 'openai-compatible', name: undefined });
    assert.deepEqual(down[0]?.problem, { message: 'The endpoint http://127.0.0.1:9/v1 does not answer (ECONNREFUSED).', fix: 'open-endpoint-setting' });
    assert.deepEqual(down[1]?.problem, { message: NO_LM_MODELS, fix: 'none' });
    const empty = modelChoices({ baseUrl: 'http://127.0.0.1:9/v1', models: [] }, [], { provider: 'openai-compatible', name: undefined });
    assert.match(empty[0]?.problem?.message ?? '', /lists no models/);
  });
});
