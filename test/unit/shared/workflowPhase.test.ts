import * as assert from 'node:assert/strict';
import type { WorkflowView } from '../../../src/shared/dashboardState';
import { phaseOf, progressOf } from '../../../src/shared/workflowPhase';

type Shape = Pick<WorkflowView, 'status' | 'step' | 'steps'>;
const feature = ['plan', 'red', 'green', 'refactor', 'review'];

describe('a workflow phase and progress', () => {
  it('is the TDD phase its step names while it runs or is paused, whatever the case', () => {
    assert.equal(phaseOf({ status: 'RUNNING', step: 'green' }), 'green');
    assert.equal(phaseOf({ status: 'PAUSED', step: 'Refactor' }), 'refactor');
    assert.equal(phaseOf({ status: 'RUNNING', step: 'deploy' }), undefined);
  });

  it('is done when it completed and failed when it failed, timed out or was canceled', () => {
    assert.equal(phaseOf({ status: 'COMPLETED', step: undefined }), 'done');
    for (const status of ['FAILED', 'TIMED_OUT', 'CANCELED'] as const) assert.equal(phaseOf({ status, step: 'red' }), 'failed');
  });

  it('measures progress by the steps behind it, from its own step list when it has one', () => {
    const at = (step: string | undefined, steps: string[] = feature, status: Shape['status'] = 'RUNNING') => progressOf({ status, step, steps });
    assert.equal(at('plan'), 0);
    assert.equal(at('green'), 2 / 5);
    assert.equal(at('deploy', ['build', 'deploy']), 1 / 2);
    assert.equal(at(undefined), 1, 'past its last step');
    assert.equal(at('review', feature, 'COMPLETED'), 1);
    assert.equal(at('refactor', []), 3 / 5, 'not described yet: by the TDD phases');
    assert.equal(at('deploy', []), 0);
  });
});
