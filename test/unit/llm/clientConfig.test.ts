import * as assert from 'node:assert/strict';
import { EndpointError } from '../../../src/llm/endpoint';
import { isLoopbackEndpoint } from '../../../src/llm/localEndpoint';
import { modelForRole, validateModelChoice } from '../../../src/llm/modelChoice';
import { OpenAiCompatibleClient } from '../../../src/llm/openAiCompatibleClient';
import { callCostUsd } from '../../../src/llm/pricing';
import { validatePrices } from '../../../src/shared/modelPricing';

describe('model client configuration', () => {
  it('knows which endpoints run on this machine', () => {
    for (const url of ['http://127.0.0.1:11434/v1', 'http://localhost:1234/v1', 'http://127.8.9.10/v1', 'http://[::1]:8000/v1', 'http://ollama.localhost/v1']) {
      assert.equal(isLoopbackEndpoint(url), true, url);
    }
    for (const url of ['https://api.openai.com/v1', 'https://myres.openai.azure.com/openai/v1', 'http://192.168.1.20:8000/v1', 'http://128.0.0.1/v1', 'http://localhost.example.com/v1']) {
      assert.equal(isLoopbackEndpoint(url), false, url);
    }
  });

  it('chooses the model per role, the default otherwise, and refuses unknown roles or empty names', () => {
    const choice = { default: 'gpt-4o-mini', byRole: { cso: 'gpt-4o' } };
    assert.equal(modelForRole(choice, 'cso'), 'gpt-4o');
    assert.equal(modelForRole(choice, 'codebot'), 'gpt-4o-mini');
    assert.throws(() => validateModelChoice({ default: ' ' }), /models\.default must name a model/);
    assert.throws(() => validateModelChoice({ default: 'm', byRole: { coder: 'x' } as never }), /unknown agent role "coder"; the roles are codebot, testbot/);
    assert.throws(() => validateModelChoice({ default: 'm', byRole: { cto: '' } }), /models\.byRole\.cto must name a model/);
  });

  it('prices by the model asked for, then the model that answered, and refuses nonsense prices', () => {
    const usage = { promptTokens: 1_000_000, completionTokens: 500_000, totalTokens: 1_500_000 };
    const prices = { 'gpt-4o-2024-08-06': { promptUsdPerMillion: 2.5, completionUsdPerMillion: 10 } };
    assert.equal(callCostUsd(usage, ['gpt-4o', 'gpt-4o-2024-08-06'], prices), 7.5);
    assert.equal(callCostUsd(usage, ['llama3.1'], prices), undefined);
    assert.equal(callCostUsd(usage, ['toString'], prices), undefined, 'only configured prices count');
    assert.throws(() => validatePrices({ m: { promptUsdPerMillion: -1, completionUsdPerMillion: 1 } }), /prices\["m"\]\.promptUsdPerMillion must be a number >= 0/);
  });

  it('refuses a bad configuration when built, before any call', () => {
    const base = { baseUrl: 'http://127.0.0.1:1/v1', models: { default: 'm' } };
    assert.throws(() => new OpenAiCompatibleClient({ ...base, baseUrl: 'api.openai.com' }), EndpointError);
    assert.throws(() => new OpenAiCompatibleClient({ ...base, timeoutMs: 0 }), /timeoutMs must be > 0/);
    assert.throws(() => new OpenAiCompatibleClient({ ...base, retry: { maxRetries: -2 } }), /retry\.maxRetries/);
    assert.throws(() => new OpenAiCompatibleClient({ ...base, models: { default: '' } }), /models\.default/);
  });
});
