import * as assert from 'node:assert/strict';
import type { WorkflowView } from '../../../src/shared/dashboardState';
import { testAttempts, timePerPhase, tokensPerAgent, workflowHistory } from '../../../webview/src/charts/chartData';
import { featureModule } from '../../../src/workflows/feature/featureModule';

function workflow(overrides: Partial<WorkflowView>): WorkflowView {
  return { id: 'wf-1', name: 'feature', request: '', steps: ['plan', 'red', 'green'], phases: featureModule.phases, status: 'RUNNING', createdAt: 0, updatedAt: 0, stepMs: {}, retries: 0, testRuns: [], verdicts: [], tokens: {}, ...overrides };
}

describe('the numbers behind the charts', () => {
  it('time per phase: in step order, with the running attempt counted up to now, in seconds', () => {
    const data = timePerPhase(workflow({ stepMs: { red: 4_000, plan: 1_500 }, openTask: { taskId: 't', step: 'green', since: 10_000 } }), 12_500);
    assert.deepEqual([data.labels, data.values], [['Plan', 'Red', 'Green'], [1.5, 4, 2.5]]);
    assert.deepEqual(data.tones, ['planning', 'failing', 'passing'], 'each step coloured by what its phase is about');
    assert.equal(data.summary, 'Time per phase: Plan 1.5 s, Red 4.0 s, Green 2.5 s.');
    assert.equal(timePerPhase(undefined, 0).summary, 'Time per phase: no workflow.');
  });

  it('tokens per agent, by total tokens', () => {
    const tally = (totalTokens: number) => ({ calls: 1, promptTokens: 0, completionTokens: 0, totalTokens, costUsd: 0, unpricedCalls: 1 });
    const data = tokensPerAgent({ testbot: tally(1_200), codebot: tally(8_000) });
    assert.deepEqual([data.labels, data.values, data.summary], [['TestBot', 'CodeBot'], [1_200, 8_000], 'Tokens per agent: TestBot 1,200, CodeBot 8,000.']);
  });

  it('tests across attempts: passed and failed of each finished run, numbered, titled without the workflow id, a run under way left out', () => {
    const run = (label: string, passed: number, failed: number, state: 'running' | 'finished' = 'finished') => ({ seq: 1, at: 0, label, state, summary: { passed, failed, skipped: 0, total: passed + failed }, failures: [] });
    const data = testAttempts([run('wf-1 red', 9, 3), run('wf-1 green', 12, 0), run('wf-1 refactor', 0, 0, 'running')], 'wf-1');
    assert.deepEqual([data.labels, data.titles, data.passed, data.failed], [['1', '2'], ['1. red', '2. green'], [9, 12], [3, 0]]);
    assert.equal(data.summary, 'Tests across attempts: 1. red: 9 passed, 3 failed; 2. green: 12 passed, 0 failed.');
  });

  it('workflow history: oldest to newest, how long each took, in seconds while all are short, else in minutes', () => {
    const newestFirst = [workflow({ id: 'wf-2', status: 'RUNNING', createdAt: 100_000 }), workflow({ id: 'wf-1', status: 'COMPLETED', createdAt: 0, endedAt: 90_000 })];
    const short = workflowHistory(newestFirst, 130_000);
    assert.deepEqual([short.labels, short.values, short.statuses, short.unit], [['wf-1', 'wf-2'], [90, 30], ['COMPLETED', 'RUNNING'], 'seconds']);
    const long = workflowHistory(newestFirst, 400_000);
    assert.deepEqual([long.values, long.unit], [[1.5, 5], 'minutes']);
    assert.equal(long.summary, 'Workflow history: wf-1 completed after 1 min 30 s, wf-2 running after 5 min 00 s.');
  });
});
