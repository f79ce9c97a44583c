import * as assert from 'node:assert/strict';
import { UsageError } from '../../../src/cli/cliCommand';
import { parseBudgets, parseLimits } from '../../../src/cli/limitOptions';

describe('CLI limit options', () => {
  it('maps each option to its limit and leaves the others to their defaults', () => {
    assert.deepEqual(parseLimits({}), {});
    assert.deepEqual(parseLimits({ 'test-timeout': '5000', 'green-attempts': '2' }), { testTimeoutMs: 5000, greenAttempts: 2 });
    assert.deepEqual(parseLimits({ 'red-attempts': '1', 'agent-steps': '12' }), { redAttempts: 1, agentSteps: 12 });
    assert.deepEqual(parseLimits({ 'memory-tokens': '800' }), { memoryTokens: 800 });
  });

  it('turns --budget-tokens into a per-workflow token budget, and no option into no budget', () => {
    assert.deepEqual(parseBudgets({}), {});
    assert.deepEqual(parseBudgets({ 'budget-tokens': '20000' }), { perWorkflow: { tokens: 20_000 } });
    assert.throws(() => parseBudgets({ 'budget-tokens': '1e5' }), (error: unknown) => error instanceof UsageError && /--budget-tokens takes a positive whole number, not "1e5"/.test(error.message));
  });

  it('turns --budget-cost into a per-workflow cost budget in dollars, beside a token budget', () => {
    assert.deepEqual(parseBudgets({ 'budget-cost': '0.50' }), { perWorkflow: { costUsd: 0.5 } });
    assert.deepEqual(parseBudgets({ 'budget-cost': '2', 'budget-tokens': '1000' }), { perWorkflow: { tokens: 1000, costUsd: 2 } });
    for (const bad of ['0', '-1', '$3', 'free', '1e2']) {
      assert.throws(() => parseBudgets({ 'budget-cost': bad }), (error: unknown) => error instanceof UsageError && /--budget-cost takes a positive amount of US dollars/.test(error.message), bad);
    }
  });

  it('refuses what is not a positive whole number, naming the option', () => {
    for (const bad of ['0', '-3', '1.5', 'ten', '', '9007199254740993']) {
      assert.throws(() => parseLimits({ 'green-attempts': bad }), (error: unknown) => error instanceof UsageError && /--green-attempts/.test(error.message), bad);
    }
  });
});
