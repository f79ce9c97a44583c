// Adversarial (issue 16, point 7): a model that answers slowly, call after call, kept a step running
// for as long as its step budget of calls allowed (25 minutes and more). The step's total now ends it.
import * as assert from 'node:assert/strict';
import { ModelError, type ChatRequest, type ModelClient } from '../../../src/core/ports';
import { StepModelBudget } from '../../../src/llm/stepModelBudget';
import { parseModelTimeLimits } from '../../../src/cli/modelLimitOptions';
import { DEFAULT_TIMEOUT_MS } from '../../../src/llm/modelDefaults';

describe('model time limits', () => {
  it('fails the next call of a step once its calls used the step total, per step', async () => {
    let now = 0;
    const slow: ModelClient = {
      chat: async () => {
        now += 400;
        return { content: 'thinking', toolCalls: [], finishReason: 'stop', model: 'm', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } };
      },
    };
    const client = new StepModelBudget(1000, () => now).wrap(slow);
    const request = (taskId: string): ChatRequest => ({ role: 'codebot', messages: [], workflowId: 'wf-1', taskId });
    for (let call = 0; call < 3; call++) await client.chat(request('t-1'));
    await assert.rejects(client.chat(request('t-1')), (error: unknown) => error instanceof ModelError && error.code === 'timeout' && /took 1 s in all/.test(error.message));
    await client.chat(request('t-2'));
  });

  it('cuts a call off well before 180 s by default, and takes the deadline from the CLI', () => {
    assert.ok(DEFAULT_TIMEOUT_MS <= 60_000);
    assert.deepEqual(parseModelTimeLimits({ 'model-timeout': '20', 'step-model-time': '300' }, {}), { callTimeoutMs: 20_000, stepTotalMs: 300_000 });
    assert.equal(parseModelTimeLimits({}, { IMPERIUM_MODEL_TIMEOUT: '5' }).callTimeoutMs, 5_000);
    assert.throws(() => parseModelTimeLimits({ 'model-timeout': 'soon' }, {}), /--model-timeout takes a positive number of seconds/);
  });
});
