import { strict as assert } from 'node:assert';
import { parseWorkflowDefinition } from '../../../../src/core/orchestrator/workflowDefinition';
import { ConductorDefinitionError, type ConductorLoopTask, toConductorMetadata } from '../../../../src/infra/conductor/conductorDefinitions';
import { FEATURE_WORKFLOW } from '../../../../src/workflows/feature/featureWorkflow';

describe('Conductor metadata from a workflow definition', () => {
  it('gives the feature workflow one task definition per step and its two jumps back as DO_WHILE loops', () => {
    const { taskDefs, workflowDef } = toConductorMetadata(parseWorkflowDefinition(FEATURE_WORKFLOW));
    assert.deepEqual(taskDefs.map((def) => def.name), ['plan', 'planReview', 'red', 'green', 'refactor', 'review'].map((step) => `imperium_feature_${step}`));
    assert.deepEqual(
      { retryCount: taskDefs[0]?.retryCount, retryDelaySeconds: taskDefs[0]?.retryDelaySeconds, retryLogic: taskDefs[0]?.retryLogic, timeoutPolicy: taskDefs[0]?.timeoutPolicy },
      { retryCount: 1, retryDelaySeconds: 1, retryLogic: 'FIXED', timeoutPolicy: 'RETRY' },
    );
    assert.equal(workflowDef.name, 'imperium_feature');
    assert.deepEqual(workflowDef.inputParameters, ['request']);
    assert.deepEqual(workflowDef.tasks.map((task) => `${task.type} ${task.taskReferenceName}`), ['DO_WHILE planReview_loop', 'SIMPLE red', 'DO_WHILE review_loop']);
    const planLoop = workflowDef.tasks[0] as ConductorLoopTask;
    assert.deepEqual(planLoop.loopOver.map((task) => task.taskReferenceName), ['plan', 'planReview']);
    assert.equal(planLoop.loopCondition, "if ($.planReview['imperiumGoto'] == 'plan') { true; } else { false; }");
    const reviewLoop = workflowDef.tasks[2] as ConductorLoopTask;
    assert.deepEqual(reviewLoop.loopOver.map((task) => task.taskReferenceName), ['green', 'refactor', 'review']);
    assert.deepEqual(planLoop.loopOver[0]?.inputParameters, { request: '${workflow.input.request}', feedback: '${planReview.output.reasons}' }, 'inputs keep Conductor\'s own reference syntax');
  });

  it('maps timeouts: the total one from the step, the response one capped by it', () => {
    const definition = parseWorkflowDefinition({ name: 'w', version: 2, steps: [{ name: 'a', handler: 'h', responseTimeoutMs: 4500, retry: { retryCount: 3, retryDelayMs: 1500, backoff: 'exponential' } }, { name: 'b', handler: 'h' }] });
    const { taskDefs } = toConductorMetadata(definition, { responseTimeoutSeconds: 10, prefix: 'team' });
    assert.deepEqual(
      taskDefs.map((def) => [def.name, def.timeoutSeconds, def.responseTimeoutSeconds, def.retryLogic, def.retryDelaySeconds, def.retryCount]),
      [
        ['team_w_a', 5, 5, 'EXPONENTIAL_BACKOFF', 2, 3],
        ['team_w_b', 0, 10, 'FIXED', 0, 0],
      ],
    );
  });

  it('refuses what a DO_WHILE cannot express, saying why', () => {
    const overlapping = parseWorkflowDefinition({
      name: 'x',
      version: 1,
      steps: [{ name: 'a', handler: 'h' }, { name: 'b', handler: 'h' }, { name: 'c', handler: 'h', goto: { targets: ['a'], maxJumps: 1 } }, { name: 'd', handler: 'h', goto: { targets: ['b'], maxJumps: 1 } }],
    });
    assert.throws(() => toConductorMetadata(overlapping), (error: unknown) => error instanceof ConductorDefinitionError && /overlap/.test(error.message));
    const twoTargets = parseWorkflowDefinition({ name: 'y', version: 1, steps: [{ name: 'a', handler: 'h' }, { name: 'b', handler: 'h' }, { name: 'c', handler: 'h', goto: { targets: ['a', 'b'], maxJumps: 1 } }] });
    assert.throws(() => toConductorMetadata(twoTargets), /may go back to one/);
    assert.throws(() => toConductorMetadata(twoTargets, { responseTimeoutSeconds: 0 }), /at least 1/);
  });
});
