import { strict as assert } from 'node:assert';
import type { Task, Workflow } from '@io-orkes/conductor-javascript';
import { parseWorkflowDefinition } from '../../../../src/core/orchestrator/workflowDefinition';
import { snapshotOf } from '../../../../src/infra/conductor/conductorSnapshot';
import { FIX_WORKFLOW } from '../../../../src/workflows/fix/fixWorkflow';

const definition = parseWorkflowDefinition(FIX_WORKFLOW);

/** A failed fix workflow as GET /api/workflow/{id}?includeTasks=true answers it. */
function failedWorkflow(...tasks: Task[]): Workflow {
  const last = tasks.at(-1);
  return {
    workflowId: 'wf',
    status: 'FAILED',
    createTime: 1,
    reasonForIncompletion: `Task ${last?.taskId ?? ''} failed with status: FAILED and reason: '${last?.reasonForIncompletion ?? ''}'`,
    tasks,
  };
}

describe('A Conductor workflow as a snapshot', () => {
  it("gives a step's terminal failure as the workflow's reason, in the embedded engine's words rather than Conductor's wrapper", () => {
    const snapshot = snapshotOf(failedWorkflow({ taskId: 't1', referenceTaskName: 'red', status: 'FAILED_WITH_TERMINAL_ERROR', retryCount: 0, seq: 1, reasonForIncompletion: 'Nothing to fix: the suite did not fail (8 tests ran, none failing).' }), definition);
    assert.equal(snapshot.status, 'FAILED');
    assert.equal(snapshot.reason, 'Nothing to fix: the suite did not fail (8 tests ran, none failing).');
  });

  it('says how many times a step failed once its retries ran out, as the embedded engine does', () => {
    const snapshot = snapshotOf(
      failedWorkflow(
        { taskId: 't1', referenceTaskName: 'red', status: 'FAILED', retryCount: 0, seq: 1, reasonForIncompletion: 'the runner crashed' },
        { taskId: 't2', referenceTaskName: 'red', status: 'FAILED', retryCount: 1, seq: 2, reasonForIncompletion: 'the runner crashed.' },
      ),
      definition,
    );
    assert.equal(snapshot.reason, 'the runner crashed (failed 2 times).');
  });

  it("keeps Conductor's reason when no step task failed (the workflow was terminated)", () => {
    const snapshot = snapshotOf({ workflowId: 'wf', status: 'TERMINATED', createTime: 1, reasonForIncompletion: 'canceled by request', tasks: [] }, definition);
    assert.equal(snapshot.status, 'CANCELED');
    assert.equal(snapshot.reason, 'canceled by request');
  });
});
