import * as assert from 'node:assert/strict';
import { forecastFromHistory, forecastRun, overBudget, planFromHistory } from '../../../../src/core/healing/budgetForecast';
import { stamped } from './healingTestKit';

describe('Budget forecast before a run', () => {
  const prices = { 'big-model': { promptUsdPerMillion: 2.5, completionUsdPerMillion: 10 } };
  const models = { default: 'big-model', byRole: { testbot: 'local-llama' } };

  it('prices each role\'s planned calls with its model, and names the models it cannot price', () => {
    const forecast = forecastRun(
      [
        { role: 'codebot', calls: 10, promptTokensPerCall: 4_000, completionTokensPerCall: 500 },
        { role: 'testbot', calls: 6, promptTokensPerCall: 3_000, completionTokensPerCall: 400 },
      ],
      models,
      prices,
    );
    assert.equal(forecast.tokens, 45_000 + 20_400);
    assert.equal(forecast.costUsd, (40_000 * 2.5 + 5_000 * 10) / 1_000_000);
    assert.deepEqual(forecast.unpriced, ['local-llama']);
    assert.deepEqual(forecast.byRole[1], { role: 'testbot', model: 'local-llama', tokens: 20_400 });
    assert.equal(forecastRun([{ role: 'testbot', calls: 1, promptTokensPerCall: 1, completionTokensPerCall: 1 }], models, prices).costUsd, undefined, 'no price, no cost');
    assert.throws(() => forecastRun([{ role: 'cto', calls: -1, promptTokensPerCall: 1, completionTokensPerCall: 1 }], models, prices), /cto has calls -1/);
  });

  it('plans from earlier runs\' token events: calls per workflow and tokens per call, by role', () => {
    const tokens = (workflowId: string, agent: 'codebot' | 'cto', prompt: number, completion: number) =>
      stamped(0, { type: 'tokens', workflowId, agent, model: 'big-model', usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion } });
    const plan = planFromHistory([tokens('wf-1', 'codebot', 1_000, 100), tokens('wf-1', 'codebot', 3_000, 300), tokens('wf-2', 'codebot', 2_000, 200), tokens('wf-2', 'cto', 500, 50)]);
    assert.deepEqual(plan, [
      { role: 'codebot', calls: 1.5, promptTokensPerCall: 2_000, completionTokensPerCall: 200 },
      { role: 'cto', calls: 1, promptTokensPerCall: 500, completionTokensPerCall: 50 },
    ]);
  });

  it('says which budgets the forecast would break', () => {
    const forecast = forecastRun([{ role: 'codebot', calls: 10, promptTokensPerCall: 4_000, completionTokensPerCall: 500 }], models, prices);
    assert.deepEqual(overBudget(forecast, { perWorkflow: { tokens: 100_000, costUsd: 1 } }), []);
    assert.deepEqual(overBudget(forecast, { perWorkflow: { tokens: 40_000 }, perAgent: { codebot: { costUsd: 0.1 } } }), [
      'the run is forecast to use 45,000 tokens, over the workflow budget of 40,000',
      'codebot is forecast to cost $0.1500, over its budget of $0.1000',
    ]);
  });

  it('says before a run, in lines a person reads, what earlier runs predict and what it would break', () => {
    const tokens = (workflowId: string, agent: 'codebot' | 'testbot', prompt: number, completion: number) =>
      stamped(0, { type: 'tokens', workflowId, agent, model: 'big-model', usage: { promptTokens: prompt, completionTokens: completion, totalTokens: prompt + completion } });
    const none = forecastFromHistory([], { models, budgets: { perWorkflow: { tokens: 50_000 } } });
    assert.deepEqual(none.lines, ['Forecast: none yet, no earlier run here to draw it from.', 'Budgets: 50,000 tokens per workflow.']);
    assert.equal(none.runs, 0);

    const forecast = forecastFromHistory([tokens('wf-1', 'codebot', 30_000, 3_000), tokens('wf-2', 'codebot', 36_000, 3_000), tokens('wf-2', 'testbot', 8_000, 800)], {
      models,
      prices,
      budgets: { perWorkflow: { tokens: 40_000 }, perAgent: { testbot: { attempts: 4 } } },
    });
    assert.equal(forecast.runs, 2);
    assert.deepEqual(forecast.lines, [
      'Forecast from 2 earlier runs: about 44,800 tokens, about $0.1125 (no price for local-llama).',
      '  codebot        big-model: 36,000 tokens, $0.1125',
      '  testbot        local-llama: 8,800 tokens',
      'Budgets: 40,000 tokens per workflow; 4 attempts for testbot.',
      '  Over budget: the run is forecast to use 44,800 tokens, over the workflow budget of 40,000.',
    ]);
    assert.deepEqual(forecast.overBudget, ['the run is forecast to use 44,800 tokens, over the workflow budget of 40,000']);
  });
});
