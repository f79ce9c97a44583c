import { strict as assert } from 'node:assert';
import { parseWorkflowDefinition } from '../../../../src/core/orchestrator/workflowDefinition';
import { ConductorDefinitionError, type ConductorLoopTask, type ConductorSimpleTask, type ConductorWorkflowTask, toConductorMetadata } from '../../../../src/infra/conductor/conductorDefinitions';

/** The workflow's SIMPLE tasks in order, those inside loops included. */
function simpleTasks(tasks: readonly ConductorWorkflowTask[]): ConductorSimpleTask[] {
  return tasks.flatMap((task) => (task.type === 'DO_WHILE' ? simpleTasks(task.loopOver) : [task]));
}
import { FEATURE_WORKFLOW } from '../../../../src/workflows/feature/featureWorkflow';

describe('Conductor metadata from a workflow definition', () => {
  it('gives the feature workflow one shared task type, each step its own task definition inline, and its two jumps back as DO_WHILE loops', () => {
    const { taskDefs, workflowDef } = toConductorMetadata(parseWorkflowDefinition(FEATURE_WORKFLOW));
    assert.deepEqual(taskDefs.map((def) => [def.name, def.retryCount, def.responseTimeoutSeconds]), [['imperium_feature_step', 0, 30]], 'one registered task type with the defaults');
    const steps = simpleTasks(workflowDef.tasks);
    assert.deepEqual(steps.map((task) => `${task.name} ${task.taskReferenceName}`), ['plan', 'planReview', 'red', 'green', 'refactor', 'review'].map((step) => `imperium_feature_step ${step}`));
    const plan = steps[0]?.taskDefinition;
    assert.deepEqual(
      { retryCount: plan?.retryCount, retryDelaySeconds: plan?.retryDelaySeconds, retryLogic: plan?.retryLogic, timeoutPolicy: plan?.timeoutPolicy, name: plan?.name },
      { retryCount: 1, retryDelaySeconds: 1, retryLogic: 'FIXED', timeoutPolicy: 'RETRY', name: 'imperium_feature_step' },
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
    const { workflowDef } = toConductorMetadata(definition, { responseTimeoutSeconds: 10, prefix: 'team' });
    assert.deepEqual(
      simpleTasks(workflowDef.tasks).map(({ taskReferenceName, taskDefinition: def }) => [taskReferenceName, def.name, def.timeoutSeconds, def.responseTimeoutSeconds, def.retryLogic, def.retryDelaySeconds, def.retryCount]),
      [
        ['a', 'team_w_step', 5, 5, 'EXPONENTIAL_BACKOFF', 2, 3],
        ['b', 'team_w_step', 0, 10, 'FIXED', 0, 0],
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
