import * as assert from 'node:assert/strict';
import type { StepContext } from '../../../../src/core/orchestrator/stepHandler';
import type { TestRunner } from '../../../../src/core/ports';
import type { EngineEventInput } from '../../../../src/shared/events';
import { summarize, type TestCaseResult } from '../../../../src/shared/testResults';
import { runSuite } from '../../../../src/superpowers/tdd/suiteRun';

const test = (index: number, status: TestCaseResult['status']): TestCaseResult => ({ id: `a.test.js::t${index}`, name: `t${index}`, suite: [], file: 'a.test.js', status, ...(status === 'failed' && { message: `boom ${index}` }) });

function runnerOf(tests: TestCaseResult[]): TestRunner {
  return {
    detect: async () => ['node-test'],
    discover: async () => [],
    run: async () => ({ framework: 'node-test', outcome: 'completed', tests, errors: [], summary: summarize(tests), durationMs: 5, output: '' }),
  };
}

function contextWith(events: EngineEventInput[]): StepContext {
  return { workflowId: 'wf-1', taskId: 't-1', step: 'green', retryCount: 0, workflowInput: {}, signal: new AbortController().signal, emit: (event) => events.push(event) };
}

describe('runSuite', () => {
  it("puts the run's failures, with their messages, on the finished event for the views", async () => {
    const events: EngineEventInput[] = [];
    await runSuite(runnerOf([test(1, 'passed'), test(2, 'failed'), test(3, 'skipped')]), contextWith(events), 'wf-1 green: attempt 1', { timeoutMs: 1000 });
    const finished = events.find((event) => event.type === 'test-run' && event.state === 'finished');
    assert.ok(finished?.type === 'test-run');
    assert.deepEqual(finished.failures?.map((failure) => failure.message), ['boom 2']);
  });

  it('caps the failures it carries, while the summary still counts every one', async () => {
    const events: EngineEventInput[] = [];
    await runSuite(runnerOf(Array.from({ length: 50 }, (_, index) => test(index, 'failed'))), contextWith(events), 'wf-1 red', { timeoutMs: 1000 });
    const finished = events.find((event) => event.type === 'test-run' && event.state === 'finished');
    assert.ok(finished?.type === 'test-run');
    assert.equal(finished.failures?.length, 20);
    assert.equal(finished.summary?.failed, 50);
  });

  it('carries no failures field when everything passed', async () => {
    const events: EngineEventInput[] = [];
    await runSuite(runnerOf([test(1, 'passed')]), contextWith(events), 'wf-1 review', { timeoutMs: 1000 });
    const finished = events.find((event) => event.type === 'test-run' && event.state === 'finished');
    assert.ok(finished?.type === 'test-run' && finished.failures === undefined);
  });
});
