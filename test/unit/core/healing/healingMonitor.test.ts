import * as assert from 'node:assert/strict';
import { withHealing } from '../../../../src/core/healing/healingStepHandler';
import { HealingMonitor } from '../../../../src/core/healing/healingMonitor';
import { DEFAULT_LADDER } from '../../../../src/core/healing/retryLadder';
import { SystemClock } from '../../../../src/core/orchestrator/systemClock';
import { type Workspace, WorkspaceError } from '../../../../src/core/ports';
import type { EngineEventInput } from '../../../../src/shared/events';
import { RecordingLogger } from '../../infra/store/storeTestKit';
import { handlersOf, useEngines } from '../orchestrator/engineTestKit';
import { healingEvents, InstantClock, stamped, stepContext } from './healingTestKit';

/** Test double: a workspace that only reads, from a map the test changes. */
class MapFiles implements Pick<Workspace, 'read'> {
  readonly files = new Map<string, string>();
  async read(path: string): Promise<string> {
    const text = this.files.get(path);
    if (text === undefined) throw new WorkspaceError('not-found', `${path} does not exist`);
    return text;
  }
}

describe('Healing monitor', () => {
  const engines = useEngines('healing-monitor');

  it('in a real engine: reports a stalled step as an event, stops it, and the ladder runs it again', async () => {
    let attempts = 0;
    const step = {
      run: (_input: unknown, context: { signal: AbortSignal }) =>
        ++attempts === 1
          ? new Promise<never>((_resolve, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }))
          : Promise.resolve({ output: { attempts } }),
    };
    const clock = new SystemClock();
    const handlers = handlersOf({});
    const underTest = await engines.open(handlers);
    const monitor = new HealingMonitor({ clock, emit: underTest.stream.emit, logger: new RecordingLogger(), stallLimits: { 'model-call': 1_000, 'tool-call': 1_000, 'test-run': 1_000, other: 40 }, checkEveryMs: 10 });
    underTest.engine.subscribe(monitor.observe);
    handlers.register('quiet', withHealing(step, { clock, monitor, policy: { ...DEFAULT_LADDER, stall: [{ kind: 'retry', times: 1, delayMs: 0 }] } }));
    monitor.start();
    try {
      const id = await underTest.engine.start({ name: 'quiet', version: 1, steps: [{ name: 'think', handler: 'quiet' }] });
      const state = await underTest.engine.settled(id);
      assert.equal(state.status, 'COMPLETED');
      assert.deepEqual(state.outputs.think, { attempts: 2 });
    } finally {
      monitor.stop();
    }
    const events = healingEvents(underTest.events);
    assert.deepEqual(events.map((event) => [event.action, event.failure]), [
      ['detected', 'stall'],
      ['retry', 'stall'],
      ['recovered', 'stall'],
    ]);
    assert.ok(events.every((event) => event.workflowId === 'wf-1' && event.taskId === 'wf-1-t1'), 'the engine filled in the ids');
    assert.match(events[0]?.summary ?? '', /no progress for .* while running its step \(the limit is 40 ms\)/);
  });

  it('keeps a detection that came before the attempt watched, and the attempt takes it when it starts', async () => {
    const clock = new InstantClock(0);
    const context = stepContext();
    const monitor = new HealingMonitor({ clock, emit: context.emit, logger: new RecordingLogger(), stallLimits: { 'model-call': 1_000, 'tool-call': 1_000, 'test-run': 1_000, other: 10 } });
    // The engine is still writing the task's start to disk when the step goes quiet past its limit.
    monitor.observe(stamped(0, { type: 'task', workflowId: 'wf-1', taskId: 'wf-1-t1', step: 'green', status: 'IN_PROGRESS', retryCount: 0 }));
    clock.time = 50;
    monitor.check();
    let attempts = 0;
    const step = {
      run: (_input: unknown, step: { signal: AbortSignal }) =>
        ++attempts === 1
          ? new Promise<never>((_resolve, reject) => step.signal.addEventListener('abort', () => reject(step.signal.reason), { once: true }))
          : Promise.resolve({ output: { attempts } }),
    };
    const result = await withHealing(step, { clock, monitor, policy: { ...DEFAULT_LADDER, stall: [{ kind: 'retry', times: 1, delayMs: 0 }] } }).run({}, context);
    assert.deepEqual(result, { output: { attempts: 2 } });
    assert.deepEqual(healingEvents(context.events).map((event) => event.action), ['detected', 'retry', 'recovered']);
    assert.equal(monitor.takeUntaken('wf-1', 'wf-1-t1'), undefined, 'taken once');
  });

  it('watches the files agents touch for ping-pong', async () => {
    const files = new MapFiles();
    const emitted: EngineEventInput[] = [];
    const clock = new InstantClock();
    const monitor = new HealingMonitor({ clock, emit: (event) => emitted.push(event), logger: new RecordingLogger(), workspace: files });
    const touched = async (agent: 'codebot' | 'testbot', content: string) => {
      files.files.set('src/rate.ts', content);
      monitor.observe(stamped(clock.now(), { type: 'tool', workflowId: 'wf-1', taskId: 'wf-1-t1', agent, tool: 'write_file', path: 'src/rate.ts', outcome: 'ok', durationMs: 1 }));
      await monitor.settled();
    };
    await touched('codebot', 'export const rate = 1;\n');
    await touched('codebot', 'export const rate = 2;\n');
    await touched('testbot', 'export const rate = 1;\n');
    assert.deepEqual(healingEvents(emitted), []);
    await touched('codebot', 'export const rate = 2;\n');
    const [found] = healingEvents(emitted);
    assert.equal(found?.failure, 'ping-pong');
    assert.equal(found?.workflowId, 'wf-1');
    monitor.observe(stamped(0, { type: 'tool', workflowId: 'wf-1', agent: 'codebot', tool: 'read_file', path: 'src/missing.ts', outcome: 'ok', durationMs: 1 }));
    await monitor.settled();
    assert.equal(healingEvents(emitted).length, 1, 'a missing file is a version too, not an error');
  });

  it("tells an agent's writes apart by the step it writes in: CodeBot at green against CodeBot refactoring", async () => {
    const files = new MapFiles();
    const emitted: EngineEventInput[] = [];
    const clock = new InstantClock();
    const monitor = new HealingMonitor({ clock, emit: (event) => emitted.push(event), logger: new RecordingLogger(), workspace: files });
    let task = 0;
    const wrote = async (step: string, content: string) => {
      const taskId = `wf-1-t${++task}`;
      monitor.observe(stamped(clock.now(), { type: 'task', workflowId: 'wf-1', taskId, step, status: 'IN_PROGRESS', retryCount: 0 }));
      files.files.set('src/size.js', content);
      monitor.observe(stamped(clock.now(), { type: 'tool', workflowId: 'wf-1', taskId, agent: 'codebot', tool: 'edit_file', path: 'src/size.js', outcome: 'ok', durationMs: 1 }));
      await monitor.settled();
      monitor.observe(stamped(clock.now(), { type: 'task', workflowId: 'wf-1', taskId, step, status: 'COMPLETED', retryCount: 0 }));
    };
    await wrote('green', 'return books.length;\n');
    await wrote('refactor', 'return books.reduce((n) => n + 1, 0);\n');
    await wrote('green', 'return books.length;\n');
    assert.deepEqual(healingEvents(emitted), []);
    await wrote('refactor', 'return books.reduce((n) => n + 1, 0);\n');
    const [found] = healingEvents(emitted);
    assert.deepEqual([found?.failure, found?.taskId, found?.agent], ['ping-pong', 'wf-1-t4', 'codebot'], "the task whose write completed it, so its attempt is the one stopped");
    assert.match(found?.summary ?? '', /^codebot in green and codebot in refactor changed the same lines of src\/size\.js back and forth 3 times/);
  });

  it('does not count the time a person takes to answer as a stall', () => {
    const emitted: EngineEventInput[] = [];
    const clock = new InstantClock(0);
    const monitor = new HealingMonitor({ clock, emit: (event) => emitted.push(event), logger: new RecordingLogger() });
    monitor.observe(stamped(0, { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING' }));
    monitor.observe(stamped(0, { type: 'task', workflowId: 'wf-1', taskId: 'wf-1-t1', step: 'green', status: 'IN_PROGRESS', retryCount: 0 }));
    monitor.observe(stamped(10, { type: 'healing', workflowId: 'wf-1', taskId: 'wf-1-t1', action: 'ask-human', failure: 'step-failed', summary: 'asking a person' }));
    clock.time = 3_600_000;
    monitor.check();
    assert.deepEqual(healingEvents(emitted), [], 'an hour of thinking is no stall');
    monitor.observe(stamped(clock.time, { type: 'agent', workflowId: 'wf-1', taskId: 'wf-1-t1', agent: 'codebot', state: 'started' }));
    clock.time += 300_001;
    monitor.check();
    assert.deepEqual(healingEvents(emitted).map((event) => event.failure), ['stall'], 'once the work goes on, its silence counts again');
  });

  it('reports budgets and deadlocks from the event stream, and keeps usage', () => {
    const emitted: EngineEventInput[] = [];
    const clock = new InstantClock(0);
    const monitor = new HealingMonitor({ clock, emit: (event) => emitted.push(event), logger: new RecordingLogger(), budgets: { perWorkflow: { tokens: 100 } }, deadlockGraceMs: 1_000 });
    monitor.observe(stamped(0, { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING' }));
    monitor.observe(stamped(0, { type: 'tokens', workflowId: 'wf-1', agent: 'codebot', model: 'm', usage: { promptTokens: 150, completionTokens: 0, totalTokens: 150 } }));
    monitor.observe(stamped(0, { type: 'task', workflowId: 'wf-1', taskId: 'wf-1-t1', step: 's', status: 'SCHEDULED', retryCount: 0 }));
    clock.time = 5_000;
    monitor.check();
    assert.deepEqual(healingEvents(emitted).map((event) => event.failure), ['budget', 'deadlock']);
    assert.equal(monitor.usage('wf-1').tokens, 150);
  });
});
