import * as assert from 'node:assert/strict';
import { BudgetTracker } from '../../../../src/core/healing/budgetTracker';
import { DeadlockDetector } from '../../../../src/core/healing/deadlockDetector';
import { DoomLoopDetector, type ObservedToolCall } from '../../../../src/core/healing/doomLoopDetector';
import { PingPongDetector } from '../../../../src/core/healing/pingPongDetector';
import { StallDetector } from '../../../../src/core/healing/stallDetector';
import { stamped } from './healingTestKit';

const LIMITS = { 'model-call': 1_000, 'tool-call': 500, 'test-run': 5_000, other: 2_000 };

describe('Healing detectors', () => {
  describe('stalls and response timeouts', () => {
    function running(detector: StallDetector, at = 0): void {
      detector.observe(stamped(at, { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING' }));
      detector.observe(stamped(at, { type: 'task', workflowId: 'wf-1', taskId: 'wf-1-t1', step: 'green', status: 'IN_PROGRESS', retryCount: 0 }));
    }

    it('times out a model call that does not answer within its limit, once, naming the agent', () => {
      const detector = new StallDetector(LIMITS);
      running(detector);
      detector.observe(stamped(100, { type: 'agent', workflowId: 'wf-1', taskId: 'wf-1-t1', agent: 'codebot', state: 'step', step: 1 }));
      assert.deepEqual(detector.check(1_100), [], 'exactly at the limit is still fine');
      const [found, ...more] = detector.check(1_101);
      assert.deepEqual(more, []);
      assert.equal(found?.kind, 'timeout');
      assert.equal(found?.agent, 'codebot');
      assert.equal(found?.taskId, 'wf-1-t1');
      assert.match(found?.summary ?? '', /no progress for 1\.0 s while waiting for a model reply \(the limit is 1\.0 s\)/);
      assert.deepEqual(detector.check(9_000), [], 'reported once per silence');
      detector.observe(stamped(9_000, { type: 'tokens', workflowId: 'wf-1', agent: 'codebot', model: 'm', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 } }));
      assert.match(detector.check(9_501)[0]?.summary ?? '', /while running a tool/, 'progress re-arms it, now with the tool limit');
    });

    it('gives a test run its own, longer limit, and calls a quiet step a stall', () => {
      const detector = new StallDetector(LIMITS);
      running(detector);
      detector.observe(stamped(0, { type: 'test-run', workflowId: 'wf-1', label: 'red', state: 'started' }));
      assert.deepEqual(detector.check(4_000), []);
      assert.match(detector.check(5_001)[0]?.summary ?? '', /waiting for a test run/);
      const quiet = new StallDetector(LIMITS);
      running(quiet);
      assert.equal(quiet.check(2_001)[0]?.kind, 'stall');
    });

    it('watches only tasks in progress: not a paused workflow, nor one waiting for its retry', () => {
      const detector = new StallDetector(LIMITS);
      running(detector);
      detector.observe(stamped(10, { type: 'workflow', workflowId: 'wf-1', status: 'PAUSED' }));
      assert.deepEqual(detector.check(100_000), []);
      running(detector, 200_000);
      detector.observe(stamped(200_010, { type: 'task', workflowId: 'wf-1', taskId: 'wf-1-t2', step: 'green', status: 'SCHEDULED', retryCount: 1 }));
      assert.deepEqual(detector.check(900_000), []);
    });
  });

  describe('doom loops', () => {
    const call = (overrides: Partial<ObservedToolCall> = {}): ObservedToolCall => ({
      workflowId: 'wf-1',
      taskId: 't1',
      agent: 'codebot',
      tool: 'edit_file',
      arguments: '{"path":"src/a.ts","old":"x","new":"y"}',
      result: 'The text to replace was not found.',
      at: 0,
      ...overrides,
    });

    it('reports the third identical call with the identical result, whatever the key order, then counts afresh', () => {
      const detector = new DoomLoopDetector();
      assert.equal(detector.observe(call()), undefined);
      assert.equal(detector.observe(call({ tool: 'read_file', arguments: '{"path":"src/a.ts"}', result: 'x' })), undefined);
      assert.equal(detector.observe(call({ arguments: '{ "new": "y", "old": "x", "path": "src/a.ts" }' })), undefined);
      const found = detector.observe(call());
      assert.equal(found?.kind, 'doom-loop');
      assert.equal(found?.agent, 'codebot');
      assert.match(found?.summary ?? '', /codebot called edit_file with the same arguments 3 times in its last 4 calls/);
      assert.equal(detector.observe(call()), undefined, 'the count starts over after a report');
    });

    it('does not count a repeated call whose result changes (tests run after each edit)', () => {
      const detector = new DoomLoopDetector();
      for (const failing of [3, 2, 1, 0]) {
        assert.equal(detector.observe(call({ tool: 'run_tests', arguments: '{}', result: `${failing} failing` })), undefined);
      }
    });

    it('keeps agents and tasks apart, and forgets calls that fell out of the window', () => {
      const detector = new DoomLoopDetector({ repeats: 2, window: 3 });
      assert.equal(detector.observe(call()), undefined);
      assert.equal(detector.observe(call({ agent: 'testbot' })), undefined);
      assert.equal(detector.observe(call({ taskId: 't2' })), undefined);
      for (let i = 0; i < 3; i++) assert.equal(detector.observe(call({ tool: 'list_files', arguments: `{"n":${i}}` })), undefined);
      assert.equal(detector.observe(call()), undefined, 'the first one is out of the window of 3');
      assert.throws(() => new DoomLoopDetector({ repeats: 4, window: 3 }), /window must be an integer >= repeats/);
    });
  });

  describe('ping-pong', () => {
    const version = (author: string, content: string | undefined, path = 'src/price.ts') => ({ workflowId: 'wf-1', path, author, content, at: 0 });
    const A = 'export const rate = 0.2;\nexport const name = "vat";\n';
    const B = 'export const rate = 0.25;\nexport const name = "vat";\n';

    it('reports two agents changing the same line back and forth', () => {
      const detector = new PingPongDetector(2);
      assert.equal(detector.observe(version('codebot', A)), undefined, 'the first version is the baseline');
      assert.equal(detector.observe(version('codebot', B)), undefined);
      assert.equal(detector.observe(version('testbot', A)), undefined, 'one reversal');
      const found = detector.observe(version('codebot', B));
      assert.equal(found?.kind, 'ping-pong');
      assert.match(found?.summary ?? '', /codebot and testbot changed the same lines of src\/price\.ts back and forth 3 times \(e\.g\. "export const rate = 0\.25;"\)/);
    });

    it('does not count an agent undoing its own change, a different change, or another file', () => {
      const detector = new PingPongDetector(2);
      detector.observe(version('codebot', A));
      detector.observe(version('codebot', B));
      assert.equal(detector.observe(version('codebot', A)), undefined);
      assert.equal(detector.observe(version('testbot', B)), undefined, 'first reversal between agents');
      assert.equal(detector.observe(version('codebot', B.replace('vat', 'gst'))), undefined, 'not a reversal: the chain breaks');
      assert.equal(detector.observe(version('testbot', B)), undefined, 'one reversal again');
      assert.equal(detector.observe(version('codebot', A, 'src/other.ts')), undefined, 'another file has its own history');
      assert.equal(detector.observe(version('testbot', B)), undefined, 'unchanged content is no change');
    });

    it('sees a deletion and a re-creation as changes of every line', () => {
      const detector = new PingPongDetector(1);
      detector.observe(version('codebot', A));
      assert.equal(detector.observe(version('codebot', undefined)), undefined);
      assert.equal(detector.observe(version('testbot', A))?.kind, 'ping-pong');
    });
  });

  describe('deadlock (nothing running, work waiting past the grace period)', () => {
    const workflow = (detector: DeadlockDetector, id: string, at: number) => detector.observe(stamped(at, { type: 'workflow', workflowId: id, status: 'RUNNING' }));
    const task = (detector: DeadlockDetector, id: string, at: number, status: 'SCHEDULED' | 'IN_PROGRESS' | 'FAILED', n = 1) =>
      detector.observe(stamped(at, { type: 'task', workflowId: id, taskId: `${id}-t${n}`, step: 'green', status, retryCount: 0 }));

    it('reports every waiting workflow once nothing at all has run for the grace period', () => {
      const detector = new DeadlockDetector(1_000);
      workflow(detector, 'wf-1', 0);
      task(detector, 'wf-1', 0, 'SCHEDULED');
      workflow(detector, 'wf-2', 0);
      task(detector, 'wf-2', 0, 'IN_PROGRESS');
      assert.deepEqual(detector.check(60_000), [], 'wf-2 is running');
      task(detector, 'wf-2', 60_000, 'FAILED');
      assert.deepEqual(detector.check(60_500), [], 'within the grace period');
      const found = detector.check(61_001);
      assert.deepEqual(found.map((detection) => detection.workflowId), ['wf-1', 'wf-2']);
      assert.equal(found[0]?.kind, 'deadlock');
      assert.equal(found[0]?.taskId, 'wf-1-t1');
      assert.match(found[0]?.summary ?? '', /nothing is running and 2 workflows \(wf-1, wf-2\) have waited/);
      assert.deepEqual(detector.check(90_000), [], 'once');
    });

    it('counts a retry wait from when it is over, and forgets ended workflows', () => {
      const detector = new DeadlockDetector(1_000);
      workflow(detector, 'wf-1', 0);
      task(detector, 'wf-1', 0, 'SCHEDULED', 2);
      detector.observe(stamped(0, { type: 'retry', what: 'task', workflowId: 'wf-1', taskId: 'wf-1-t2', attempt: 1, delayMs: 30_000, reason: 'x' }));
      assert.deepEqual(detector.check(30_500), [], 'still waiting out its retry delay plus grace');
      assert.equal(detector.check(31_001).length, 1);
      detector.observe(stamped(40_000, { type: 'workflow', workflowId: 'wf-1', status: 'FAILED' }));
      assert.deepEqual(detector.check(100_000), []);
    });
  });

  describe('budgets', () => {
    const tokens = (at: number, agent: 'codebot' | 'testbot', total: number, costUsd?: number) =>
      stamped(at, { type: 'tokens', workflowId: 'wf-1', taskId: 'wf-1-t1', agent, model: 'm', usage: { promptTokens: total, completionTokens: 0, totalTokens: total }, ...(costUsd !== undefined && { costUsd }) });

    it('reports each budget once, when it is exceeded, per workflow and per agent', () => {
      const tracker = new BudgetTracker({ perWorkflow: { tokens: 1_000, attempts: 2 }, perAgent: { codebot: { costUsd: 0.01, attempts: 1 } } });
      assert.deepEqual(tracker.observe(tokens(0, 'codebot', 600, 0.006)), []);
      const [overTokens, overCost, ...rest] = tracker.observe(tokens(1, 'codebot', 600, 0.006));
      assert.deepEqual(rest, []);
      assert.match(overTokens?.summary ?? '', /workflow wf-1 used 1,200 tokens, over its budget of 1,000 tokens/);
      assert.equal(overCost?.agent, 'codebot');
      assert.match(overCost?.summary ?? '', /codebot in workflow wf-1 used \$0\.0120, over its budget of \$0\.0100/);
      assert.deepEqual(tracker.observe(tokens(2, 'testbot', 5_000)), [], 'already reported');
      assert.equal(tracker.usageOf('wf-1').tokens, 6_200);
      assert.equal(tracker.usageOf('wf-1').byAgent.testbot?.tokens, 5_000);

      const start = (n: number) => stamped(n, { type: 'task', workflowId: 'wf-1', taskId: `wf-1-t${n}`, step: 's', status: 'IN_PROGRESS', retryCount: n });
      assert.deepEqual(tracker.observe(start(1)), []);
      assert.deepEqual(tracker.observe(start(2)), []);
      assert.match(tracker.observe(start(3))[0]?.summary ?? '', /used 3 attempts, over its budget of 2 attempts/);
      const agentStart = () => stamped(9, { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started' });
      assert.deepEqual(tracker.observe(agentStart()), []);
      assert.equal(tracker.observe(agentStart())[0]?.agent, 'codebot');
    });

    it('refuses a budget that is not a number >= 0', () => {
      assert.throws(() => new BudgetTracker({ perAgent: { cto: { tokens: -1 } } }), /The cto tokens budget must be a number >= 0/);
    });
  });
});
