import * as assert from 'node:assert/strict';
import { builtInCallCostUsd, builtInPrice, pricesWithBuiltIns } from '../../../src/llm/builtInPrices';
import { callCostUsd } from '../../../src/llm/pricing';

const usage = { promptTokens: 1_000_000, completionTokens: 1_000_000, totalTokens: 2_000_000 };

describe('built-in model prices (@pydantic/genai-prices)', () => {
  it('knows common models by the name requests use, dated variants included', () => {
    assert.deepEqual(builtInPrice('gpt-4o-mini'), { promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 });
    assert.deepEqual(builtInPrice('gpt-4o-mini-2024-07-18'), { promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 });
    assert.deepEqual(builtInPrice('claude-sonnet-4-20250514'), { promptUsdPerMillion: 3, completionUsdPerMillion: 15 });
    assert.ok(Math.abs((builtInCallCostUsd(usage, 'gpt-4.1-mini') ?? 0) - 2) < 1e-9);
  });

  it('has no price for a model it does not know, nor for an empty name: nothing is guessed', () => {
    assert.equal(builtInPrice('scripted-demo'), undefined);
    assert.equal(builtInPrice('qwen2.5-coder'), undefined);
    assert.equal(builtInPrice('  '), undefined);
    assert.equal(callCostUsd(usage, ['scripted-demo'], {}), undefined);
  });

  it('the configured price wins over the built-in one; the answered model is priced when the asked one is not', () => {
    assert.equal(callCostUsd(usage, ['gpt-4o-mini'], { 'gpt-4o-mini': { promptUsdPerMillion: 1, completionUsdPerMillion: 2 } }), 3);
    assert.ok(Math.abs((callCostUsd(usage, ['my-alias', 'gpt-4o-mini-2024-07-18'], {}) ?? 0) - 0.75) < 1e-9);
    assert.equal(callCostUsd(usage, ['scripted-demo'], { 'scripted-demo': { promptUsdPerMillion: 0, completionUsdPerMillion: 0 } }), 0);
  });

  it('fills a price table for the named models, under the person\'s own prices', () => {
    const table = pricesWithBuiltIns(['gpt-4o-mini', 'gpt-4.1-mini', 'local-model'], { 'gpt-4.1-mini': { promptUsdPerMillion: 9, completionUsdPerMillion: 9 } });
    assert.deepEqual(table, {
      'gpt-4o-mini': { promptUsdPerMillion: 0.15, completionUsdPerMillion: 0.6 },
      'gpt-4.1-mini': { promptUsdPerMillion: 9, completionUsdPerMillion: 9 },
    });
  });
});
