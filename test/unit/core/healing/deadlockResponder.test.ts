import * as assert from 'node:assert/strict';
import { DeadlockResponder, type WorkflowControl } from '../../../../src/core/healing/deadlockResponder';
import type { Detection } from '../../../../src/core/healing/detection';
import type { ApprovalDecision, ApprovalRequest } from '../../../../src/core/ports';
import type { EngineEventInput } from '../../../../src/shared/events';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { healingEvents } from './healingTestKit';

/** Test double: the engine's controls, recorded. */
class RecordedControls implements WorkflowControl {
  readonly calls: string[] = [];
  async pause(id: string, options: { readonly interrupt: boolean }): Promise<void> {
    this.calls.push(`pause ${id}${options.interrupt ? ' (interrupt)' : ''}`);
  }
  async resume(id: string): Promise<void> {
    this.calls.push(`resume ${id}`);
  }
  async cancel(id: string, reason: string): Promise<void> {
    this.calls.push(`cancel ${id}: ${reason}`);
  }
}

const deadlock: Detection = { kind: 'deadlock', workflowId: 'wf-1', summary: 'nothing is running and this workflow has waited 31 s', at: 0 };

/** Lets the responder's promise chain run. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('Deadlock responder', () => {
  it('restarts the runner the first time, then asks a person, who may restart it again or abort', async () => {
    const engine = new RecordedControls();
    const emitted: EngineEventInput[] = [];
    const answers: ApprovalDecision[] = [{ approved: true, choice: 'retry' }, { approved: true, choice: 'abort', note: 'the disk is gone' }];
    const asked: ApprovalRequest[] = [];
    const responder = new DeadlockResponder({
      engine,
      emit: (event) => emitted.push(event),
      logger: new RecordingLogger(),
      approvals: { request: async (request) => (asked.push(request), answers.shift() ?? { approved: false }) },
    });
    for (let round = 0; round < 3; round++) {
      responder.onDetection(deadlock);
      await settle();
    }
    assert.deepEqual(engine.calls, ['pause wf-1 (interrupt)', 'resume wf-1', 'pause wf-1 (interrupt)', 'resume wf-1', 'cancel wf-1: a person aborted workflow wf-1, which was stuck (the disk is gone)']);
    assert.deepEqual(asked.map((request) => request.kind === 'escalation' && request.options), [['retry', 'abort'], ['retry', 'abort']]);
    assert.deepEqual(healingEvents(emitted).map((event) => [event.action, event.failure, event.choice]), [
      ['retry', 'deadlock', undefined],
      ['ask-human', 'deadlock', undefined],
      ['ask-human', 'deadlock', 'retry'],
      ['ask-human', 'deadlock', undefined],
      ['abort', 'deadlock', 'abort'],
    ]);
  });

  it('with no one to ask, says in the log and an event what a person must do, and leaves the workflow as it is', async () => {
    const engine = new RecordedControls();
    const emitted: EngineEventInput[] = [];
    const logger = new RecordingLogger();
    const responder = new DeadlockResponder({ engine, emit: (event) => emitted.push(event), logger });
    responder.onDetection(deadlock);
    await settle();
    responder.onDetection(deadlock);
    await settle();
    assert.deepEqual(engine.calls, ['pause wf-1 (interrupt)', 'resume wf-1']);
    const [, gaveUp] = healingEvents(emitted);
    assert.equal(gaveUp?.action, 'gave-up');
    assert.match(gaveUp?.summary ?? '', /A person must decide whether to restart it again \(pause and resume it\) or abort it \(cancel it\); no one can be asked here$/);
    assert.ok(logger.lines.some((line) => /^warn healing: Workflow wf-1 is stuck again/.test(line)), logger.lines.join('\n'));
  });

  it('ignores the other detections, and a deadlock it is already handling', async () => {
    const engine = new RecordedControls();
    let release: () => void = () => undefined;
    engine.pause = async (id) => {
      engine.calls.push(`pause ${id}`);
      await new Promise<void>((resolve) => (release = resolve));
    };
    const responder = new DeadlockResponder({ engine, emit: () => undefined, logger: new RecordingLogger() });
    responder.onDetection({ ...deadlock, kind: 'stall' });
    responder.onDetection(deadlock);
    responder.onDetection(deadlock);
    await settle();
    release();
    await settle();
    assert.deepEqual(engine.calls, ['pause wf-1', 'resume wf-1']);
  });
});
