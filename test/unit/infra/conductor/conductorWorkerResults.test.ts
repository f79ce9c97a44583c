import { strict as assert } from 'node:assert';
import type { Workflow } from '@io-orkes/conductor-javascript';
import { parseWorkflowDefinition } from '../../../../src/core/orchestrator/workflowDefinition';
import { snapshotOf, stepOfReference } from '../../../../src/infra/conductor/conductorSnapshot';
import { completion, stepInput } from '../../../../src/infra/conductor/conductorWorkers';
import { DeliveryLedger, type DeliveryRecord } from '../../../../src/infra/conductor/deliveryLedger';
import { workspaceDomain } from '../../../../src/infra/conductor/workspaceDomain';
import { parseEngineChoice } from '../../../../src/cli/engineOptions';
import { javaMajorVersion } from '../../../conductor/harness/javaRuntime';

const definition = parseWorkflowDefinition({
  name: 'w',
  version: 1,
  steps: [
    { name: 'a', handler: 'ha', inputs: { topic: '${workflow.input.topic}', notes: '${b.output.notes}', fixed: null } },
    { name: 'b', handler: 'hb', goto: { targets: ['a'], maxJumps: 2 } },
  ],
});
const [stepA, stepB] = definition.steps as [(typeof definition.steps)[number], (typeof definition.steps)[number]];

describe('Conductor workers and snapshots', () => {
  it('leaves out an input whose reference Conductor could not resolve yet, and keeps a literal null', () => {
    assert.deepEqual(stepInput(stepA, { topic: 't', notes: null, fixed: null }), { topic: 't', fixed: null });
  });

  it("takes a reference Conductor resolved to null from the step's completed output on the server, when there is one", () => {
    assert.deepEqual(stepInput(stepA, { topic: 't', notes: null, fixed: null }, { b: { notes: ['kept'] } }), { topic: 't', notes: ['kept'], fixed: null });
    assert.deepEqual(stepInput(stepA, { topic: 't', notes: null }, { b: { other: 1 } }), { topic: 't' });
  });

  it('carries a goto in the output for the loop, and fails the workflow past the jump limit', () => {
    assert.deepEqual(completion(stepB, { iteration: 1 }, { output: { x: 1 }, goto: 'a' }), { status: 'COMPLETED', output: { x: 1, imperiumGoto: 'a' } });
    assert.equal(completion(stepB, { iteration: 3 }, { goto: 'a' }).status, 'FAILED_WITH_TERMINAL_ERROR');
    assert.match(completion(stepB, { iteration: 1 }, { goto: 'b' }).reason ?? '', /not allowed/);
    assert.deepEqual(completion(stepA, {}, undefined), { status: 'COMPLETED', output: {} });
  });

  it('reads a Conductor execution as the snapshot both engines speak', () => {
    const workflow = {
      workflowId: 'w1',
      status: 'TERMINATED',
      reasonForIncompletion: 'enough',
      createTime: 10,
      input: { topic: 't' },
      tasks: [
        { seq: 1, taskId: 'loop', referenceTaskName: 'b_loop', taskType: 'DO_WHILE', status: 'CANCELED' },
        { seq: 2, taskId: 't1', referenceTaskName: 'a__1', status: 'COMPLETED', retryCount: 0, scheduledTime: 11, outputData: { text: 'x' } },
        { seq: 3, taskId: 't2', referenceTaskName: 'b__1', status: 'COMPLETED', retryCount: 0, scheduledTime: 12, outputData: { imperiumGoto: 'a', notes: 'n' } },
        { seq: 4, taskId: 't3', referenceTaskName: 'a__2', status: 'FAILED_WITH_TERMINAL_ERROR', retryCount: 1, scheduledTime: 13, reasonForIncompletion: 'no' },
      ],
    } as unknown as Workflow;
    const snapshot = snapshotOf(workflow, definition);
    assert.equal(snapshot.status, 'CANCELED');
    assert.deepEqual(snapshot.tasks.map((task) => [task.id, task.step, task.handler, task.status, task.retryCount]), [['t1', 'a', 'ha', 'COMPLETED', 0], ['t2', 'b', 'hb', 'COMPLETED', 0], ['t3', 'a', 'ha', 'FAILED', 1]]);
    assert.deepEqual(snapshot.outputs, { a: { text: 'x' }, b: { notes: 'n' } });
    assert.deepEqual(snapshot.jumps, { b: 1 });
    assert.equal(snapshot.stepIndex, 0);
    assert.equal(stepOfReference('green__12'), 'green');
  });

  it('keeps outcomes per task id and retry count, and stands by a completion the server never heard of', async () => {
    const entries: DeliveryRecord[] = [];
    const ledger = new DeliveryLedger({ append: async (entry) => void entries.push(entry), readAll: async () => [...entries] });
    await ledger.record({ workflowId: 'w', taskId: 't1', referenceName: 'a', retryCount: 0, status: 'COMPLETED', output: { done: true }, at: 1 });
    assert.equal((await ledger.outcomeFor({ workflowId: 'w', taskId: 't1', referenceName: 'a', retryCount: 0 }))?.taskId, 't1', 'the same task delivered again');
    assert.equal((await ledger.outcomeFor({ workflowId: 'w', taskId: 't2', referenceName: 'a', retryCount: 1 }))?.taskId, 't1', 'a new attempt after a lost completion');
    assert.equal(await ledger.outcomeFor({ workflowId: 'w', taskId: 't3', referenceName: 'a__2', retryCount: 0 }), undefined, 'another loop iteration runs');
    await ledger.record({ workflowId: 'w', taskId: 't4', referenceName: 'b', retryCount: 0, status: 'FAILED', output: {}, reason: 'x', at: 2 });
    assert.equal(await ledger.outcomeFor({ workflowId: 'w', taskId: 't5', referenceName: 'b', retryCount: 1 }), undefined, 'a retry after a failure runs again');
  });

  it('gives each workspace on each machine its own domain', () => {
    assert.equal(workspaceDomain('/a/b', 'host'), workspaceDomain('/a/b/', 'host'));
    assert.notEqual(workspaceDomain('/a/b', 'host'), workspaceDomain('/a/c', 'host'));
    assert.match(workspaceDomain('/a/b', 'host'), /^imperium_[0-9a-f]{16}$/);
  });

  it('parses the CLI engine choice with clear errors', () => {
    assert.deepEqual(parseEngineChoice({}, {}), { kind: 'embedded' });
    assert.deepEqual(parseEngineChoice({ 'conductor-url': 'http://127.0.0.1:8080' }, { IMPERIUM_CONDUCTOR_TOKEN: 's' }), { kind: 'conductor', url: 'http://127.0.0.1:8080', token: 's' });
    assert.throws(() => parseEngineChoice({ engine: 'conductor' }, {}), /needs --conductor-url/);
    assert.throws(() => parseEngineChoice({ engine: 'temporal' }, {}), /"embedded" or "conductor"/);
    assert.throws(() => parseEngineChoice({ engine: 'embedded', 'conductor-url': 'http://x' }, {}), /needs --engine conductor/);
  });

  it('reads Java versions old and new', () => {
    assert.equal(javaMajorVersion('openjdk version "25.0.3" 2026-04-21 LTS'), 25);
    assert.equal(javaMajorVersion('openjdk version "17.0.12" 2024-07-16'), 17);
    assert.equal(javaMajorVersion('java version "1.8.0_402"'), 8);
    assert.equal(javaMajorVersion('nothing'), undefined);
  });
});
