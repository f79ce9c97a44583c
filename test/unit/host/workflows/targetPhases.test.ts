import * as assert from 'node:assert/strict';
import type { EngineEvent } from '../../../../src/shared/events';
import { implementRequest } from '../../../../src/host/workflows/implementRequest';
import { TargetPhases } from '../../../../src/host/workflows/targetPhases';
import type { WorkflowPhaseInfo } from '../../../../src/shared/workflowPhase';

// A module's phases as the service passes them; a step outside them keeps the phase.
const PHASES: WorkflowPhaseInfo[] = [
  { id: 'plan', title: 'Plan', steps: ['plan', 'planReview'] },
  { id: 'red', title: 'Red', steps: ['red'] },
  { id: 'green', title: 'Green', steps: ['green'] },
];

const event = (workflowId: string, status: 'RUNNING' | 'COMPLETED' | 'FAILED', step?: string): EngineEvent => ({ type: 'workflow', seq: 1, at: 1, workflowId, status, ...(step && { step }) });

describe('TargetPhases', () => {
  it("follows a target's workflow from queued through its module's phases to done", () => {
    const phases = new TargetPhases();
    phases.track('wf-1', 'src/a.js#parse', { status: 'RUNNING', at: 1 }, PHASES);
    assert.equal(phases.phaseOf('src/a.js#parse'), 'queued');
    assert.equal(phases.follow(event('wf-1', 'RUNNING', 'plan')), true);
    assert.equal(phases.phaseOf('src/a.js#parse'), 'plan');
    assert.equal(phases.follow(event('wf-1', 'RUNNING', 'planReview')), false, 'another step of the same phase');
    assert.equal(phases.follow(event('wf-1', 'RUNNING', 'lint')), false, 'a step no phase holds keeps the phase');
    phases.follow(event('wf-1', 'RUNNING', 'red'));
    assert.equal(phases.phaseOf('src/a.js#parse'), 'red');
    phases.follow(event('wf-1', 'COMPLETED'));
    assert.equal(phases.phaseOf('src/a.js#parse'), 'done');
  });

  it('moves to the phase of each task that starts, as the steps go by', () => {
    const phases = new TargetPhases();
    phases.track('wf-1', 'k', { status: 'RUNNING', at: 1 }, PHASES);
    assert.equal(phases.follow({ type: 'task', seq: 2, at: 2, workflowId: 'wf-1', taskId: 't-3', step: 'green', status: 'IN_PROGRESS', retryCount: 0 }), true);
    assert.equal(phases.phaseOf('k'), 'green');
  });

  it('shows the latest workflow on a target, and ignores untracked workflows', () => {
    const phases = new TargetPhases();
    phases.track('wf-1', 'k', { status: 'FAILED', at: 1 }, PHASES);
    phases.track('wf-2', 'k', { status: 'RUNNING', step: 'green', at: 2 }, PHASES);
    assert.equal(phases.phaseOf('k'), 'green');
    assert.equal(phases.follow(event('wf-9', 'RUNNING', 'red')), false);
    assert.equal(phases.phaseOf('other'), undefined);
  });
});

describe('implementRequest', () => {
  it("asks for a stub's implementation with its place and the code's own words", () => {
    const request = implementRequest({ kind: 'stub', path: 'src/dates.js', startLine: 3, endLine: 5, symbol: 'parseIso', description: '/** Parses an ISO date. */\nfunction parseIso(text)' });
    assert.match(request, /^Implement `parseIso` in src\/dates\.js:3-5, which is a stub today/);
    assert.match(request, /Parses an ISO date/);
  });

  it('asks to make a failing test pass without changing the test', () => {
    assert.match(implementRequest({ kind: 'failing-test', path: 'test/a.test.js', startLine: 9, endLine: 9, symbol: 'adds', description: 'expected 3, got 2' }), /in test\/a\.test\.js:9 pass by changing the code under test, not the test/);
  });

  it('cuts a very long description', () => {
    const request = implementRequest({ kind: 'selection', path: 'a.js', startLine: 1, endLine: 400, description: 'x'.repeat(10_000) });
    assert.ok(request.length < 2_200);
    assert.match(request, /\[… cut\]$/);
  });
});
