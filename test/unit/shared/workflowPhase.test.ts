import * as assert from 'node:assert/strict';
import { phaseOf, phaseTitle, progressOf, type WorkflowPhaseInfo } from '../../../src/shared/workflowPhase';

const steps = ['plan', 'planReview', 'red', 'green', 'refactor', 'review'];
// A module's phases as the views get them; none of this is the feature module's own list.
const phases: WorkflowPhaseInfo[] = [
  { id: 'plan', title: 'Plan', steps: ['plan', 'planReview'] },
  { id: 'red', title: 'Red', steps: ['red'] },
  { id: 'green', title: 'Green', steps: ['green'] },
  { id: 'refactor', title: 'Refactor', steps: ['refactor'] },
  { id: 'review', title: 'Review', steps: ['review'] },
];
const deploy: WorkflowPhaseInfo[] = [
  { id: 'build', title: 'Build it', steps: ['compile', 'package'] },
  { id: 'ship', title: 'Ship it', steps: ['deploy'] },
];

describe('a workflow phase and progress', () => {
  it("is the phase of its module that holds its step while it runs or is paused", () => {
    assert.equal(phaseOf({ status: 'RUNNING', step: 'green' }, phases), 'green');
    assert.equal(phaseOf({ status: 'PAUSED', step: 'planReview' }, phases), 'plan');
    assert.equal(phaseOf({ status: 'RUNNING', step: 'package' }, deploy), 'build');
    assert.equal(phaseOf({ status: 'RUNNING', step: 'deploy' }, phases), undefined, 'a step no phase holds');
    assert.equal(phaseOf({ status: 'RUNNING', step: 'green' }, []), undefined, 'a workflow not described yet');
  });

  it('is done when it completed and failed when it failed, timed out or was canceled, whatever the module', () => {
    assert.equal(phaseOf({ status: 'COMPLETED', step: undefined }, deploy), 'done');
    for (const status of ['FAILED', 'TIMED_OUT', 'CANCELED'] as const) assert.equal(phaseOf({ status, step: 'red' }, phases), 'failed');
  });

  it("is titled as its module titles it, and done and failed as every workflow's end", () => {
    assert.equal(phaseTitle('ship', deploy), 'Ship it');
    assert.equal(phaseTitle('done', deploy), 'Done');
    assert.equal(phaseTitle('failed', []), 'Failed');
    assert.equal(phaseTitle('mystery', deploy), 'mystery');
  });

  it('measures progress by the steps behind it, from its own step list, else its phases', () => {
    const at = (step: string | undefined, own: string[] = steps, status = 'RUNNING', of = phases) => progressOf({ status, step, steps: own, phases: of });
    assert.equal(at('plan'), 0);
    assert.equal(at('green'), 3 / 6);
    assert.equal(at('deploy', ['build', 'deploy']), 1 / 2);
    assert.equal(at(undefined), 1, 'past its last step');
    assert.equal(at('review', steps, 'COMPLETED'), 1);
    assert.equal(at('deploy', [], 'RUNNING', deploy), 2 / 3, 'not described yet: by its phases');
    assert.equal(at('deploy', [], 'RUNNING', []), 0);
  });
});
