// buildFeatureReport on hand-made workflow state: pure, so every figure can be checked exactly.
import * as assert from 'node:assert/strict';
import type { VerdictRecord } from '../../../src/core/board/boardReview';
import { parseWorkflowDefinition } from '../../../src/core/orchestrator/workflowDefinition';
import type { TaskRecord, WorkflowSnapshot } from '../../../src/core/orchestrator/workflowState';
import type { EngineEvent } from '../../../src/shared/events';
import type { TaskStatus } from '../../../src/shared/taskStatus';
import type { TestRunResult } from '../../../src/shared/testResults';
import { buildFeatureReport } from '../../../src/workflows/feature/featureReport';
import { FEATURE_WORKFLOW } from '../../../src/workflows/feature/featureWorkflow';

const T0 = Date.UTC(2025, 0, 2, 3, 4, 5);

let taskCount = 0;
/** A task of `step` that ran from T0+from to T0+to (ms); `to` undefined while it runs. */
function task(step: string, status: TaskStatus, from: number, to: number | undefined, output?: Record<string, unknown>, reason?: string): TaskRecord {
  taskCount++;
  return {
    id: `wf-7-t${taskCount}`,
    step,
    handler: `tdd.${step}`,
    status,
    retryCount: 0,
    scheduledAt: T0 + from,
    startedAt: T0 + from,
    ...(to !== undefined && { endedAt: T0 + to }),
    ...(output && { output }),
    ...(reason !== undefined && { reason }),
  };
}

function workflow(status: WorkflowSnapshot['status'], tasks: TaskRecord[], extra: { reason?: string; endedAt?: number } = {}): WorkflowSnapshot {
  return {
    id: 'wf-7',
    definition: parseWorkflowDefinition(FEATURE_WORKFLOW),
    input: { request: 'Add Shelf#size()' },
    status,
    ...(extra.reason !== undefined && { reason: extra.reason }),
    createdAt: T0,
    updatedAt: T0 + 9_700,
    ...(extra.endedAt !== undefined && { endedAt: T0 + extra.endedAt }),
    stepIndex: 0,
    outputs: { plan: { criteria: ['size() is 0 when empty', 'size() counts books'], tasks: ['write the tests', 'add size()'] } },
    jumps: {},
    tasks,
  };
}

let seq = 0;
function tokens(workflowId: string, agent: 'codebot' | 'testbot' | 'cso', promptTokens: number, completionTokens: number, costUsd?: number): EngineEvent {
  seq++;
  return {
    type: 'tokens',
    seq,
    at: T0 + seq,
    workflowId,
    agent,
    model: 'scripted',
    usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
    ...(costUsd !== undefined && { costUsd }),
  };
}

function verdict(workflowId: string, role: VerdictRecord['role'], decision: VerdictRecord['decision'], source: VerdictRecord['source'] = 'model'): VerdictRecord {
  const title = { cto: 'CTO', cso: 'CSO', 'product-owner': 'Product Owner' }[role];
  return { workflowId, subject: 'change', role, title, decision, summary: `${title} says ${decision}`, findings: [{ severity: 'info', message: 'noted' }], source, at: T0 + 9_000 };
}

const FINAL_TESTS: TestRunResult = {
  framework: 'node-test',
  outcome: 'completed',
  tests: [
    { id: 'test/a.test.js::passes', name: 'passes', suite: [], file: 'test/a.test.js', status: 'passed' },
    { id: 'test/a.test.js::fails', name: 'fails', suite: [], file: 'test/a.test.js', status: 'failed', message: '0 !== 2' },
    { id: 'test/a.test.js::crashes', name: 'crashes', suite: [], file: 'test/a.test.js', status: 'failed' },
  ],
  errors: [],
  summary: { passed: 1, failed: 2, skipped: 0, total: 3 },
  durationMs: 40,
  output: '',
};

describe('the feature report', () => {
  describe('of a workflow that went round review once and was then vetoed', () => {
    const report = buildFeatureReport({
      workflow: workflow(
        'FAILED',
        [
          task('plan', 'COMPLETED', 0, 1_000, { criteria: ['size() is 0 when empty', 'size() counts books'], tasks: ['write the tests', 'add size()'] }),
          task('planReview', 'COMPLETED', 1_000, 1_500, { outcome: 'approved', reasons: ['3 of 3 members approved'] }),
          task('red', 'COMPLETED', 1_500, 4_500, { summary: '2 new tests fail for the right reason' }),
          task('green', 'COMPLETED', 4_500, 6_000, { summary: '5 passed, 0 skipped' }),
          task('refactor', 'COMPLETED', 6_000, 7_000, { kept: true, summary: 'extracted a helper' }),
          task('review', 'COMPLETED', 7_000, 8_000, { outcome: 'changes-requested' }),
          task('green', 'COMPLETED', 8_000, 8_500, { summary: '6 passed, 0 skipped' }),
          task('refactor', 'COMPLETED', 8_500, 9_000, { kept: true, summary: 'nothing to refactor' }),
          task('review', 'FAILED', 9_000, 9_600, { outcome: 'vetoed' }, 'the Board vetoed the change'),
        ],
        { reason: 'the Board vetoed the change', endedAt: 9_600 },
      ),
      events: [
        tokens('wf-7', 'codebot', 100, 10, 0.5),
        tokens('wf-7', 'testbot', 50, 5),
        tokens('wf-7', 'codebot', 200, 20, 0.25),
        tokens('wf-8', 'codebot', 9_999, 999, 9),
        tokens('wf-7', 'cso', 30, 3, 0.125),
        { type: 'workflow', seq: 99, at: T0, workflowId: 'wf-7', status: 'RUNNING' },
      ],
      verdicts: [verdict('wf-7', 'cto', 'approve'), verdict('wf-8', 'cto', 'veto'), verdict('wf-7', 'cso', 'veto', 'checks')],
      changes: [
        { path: 'src/shelf.js', before: 'a\nb\n', after: 'a\nc\n' },
        { path: 'src/size.js', after: 'size\n' },
        { path: 'src/old.js', before: 'old\n' },
      ],
      finalTests: FINAL_TESTS,
    });

    it('names the workflow, the request, how it ended and why', () => {
      assert.equal(report.workflowId, 'wf-7');
      assert.equal(report.request, 'Add Shelf#size()');
      assert.equal(report.status, 'FAILED');
      assert.equal(report.reason, 'the Board vetoed the change');
      assert.equal(report.startedAt, '2025-01-02T03:04:05.000Z');
      assert.equal(report.durationMs, 9_600);
    });

    it("takes the criteria and tasks from the plan step's output", () => {
      assert.deepEqual(report.criteria, ['size() is 0 when empty', 'size() counts books']);
      assert.deepEqual(report.tasks, ['write the tests', 'add size()']);
    });

    it("sums each phase's tasks, visits back included, and reports its last task's status and summary", () => {
      assert.deepEqual(report.phases, [
        { phase: 'plan', status: 'done', tasks: 2, durationMs: 1_500, summary: 'Board: approved' },
        { phase: 'red', status: 'done', tasks: 1, durationMs: 3_000, summary: '2 new tests fail for the right reason' },
        { phase: 'green', status: 'done', tasks: 2, durationMs: 2_000, summary: '6 passed, 0 skipped' },
        { phase: 'refactor', status: 'done', tasks: 2, durationMs: 1_500, summary: 'nothing to refactor' },
        { phase: 'review', status: 'failed', tasks: 2, durationMs: 1_600, summary: 'Board: vetoed' },
      ]);
    });

    it('sums tokens and cost per agent of this workflow only, sorted by agent, with the totals', () => {
      assert.deepEqual(report.usage, [
        { agent: 'codebot', calls: 2, promptTokens: 300, completionTokens: 30, costUsd: 0.75 },
        { agent: 'cso', calls: 1, promptTokens: 30, completionTokens: 3, costUsd: 0.125 },
        { agent: 'testbot', calls: 1, promptTokens: 50, completionTokens: 5 },
      ]);
      assert.deepEqual(report.totals, { promptTokens: 380, completionTokens: 38, costUsd: 0.875 });
    });

    it("lists this workflow's verdicts with their reasons and source, without the audit fields", () => {
      assert.deepEqual(report.verdicts, [
        { subject: 'change', role: 'cto', title: 'CTO', decision: 'approve', summary: 'CTO says approve', findings: [{ severity: 'info', message: 'noted' }], source: 'model' },
        { subject: 'change', role: 'cso', title: 'CSO', decision: 'veto', summary: 'CSO says veto', findings: [{ severity: 'info', message: 'noted' }], source: 'checks' },
      ]);
    });

    it('lists the files changed, created and deleted, each with its unified diff', () => {
      assert.deepEqual(
        report.files.map((f) => [f.path, f.change]),
        [
          ['src/shelf.js', 'modified'],
          ['src/size.js', 'created'],
          ['src/old.js', 'deleted'],
        ],
      );
      assert.match(report.files[0].diff, /^--- a\/src\/shelf\.js\n\+\+\+ b\/src\/shelf\.js\n@@ -1,2 \+1,2 @@\n a\n-b\n\+c\n$/);
      assert.match(report.files[1].diff, /^--- \/dev\/null\n\+\+\+ b\/src\/size\.js\n[\s\S]*\n\+size\n$/);
      assert.match(report.files[2].diff, /^--- a\/src\/old\.js\n\+\+\+ \/dev\/null\n[\s\S]*\n-old\n$/);
    });

    it('summarises the final test run with each failure and its message', () => {
      assert.deepEqual(report.tests, {
        outcome: 'completed',
        summary: { passed: 1, failed: 2, skipped: 0, total: 3 },
        failures: [{ id: 'test/a.test.js::fails', message: '0 !== 2' }, { id: 'test/a.test.js::crashes' }],
      });
    });
  });

  describe('of a workflow still in green, with no prices and no final run', () => {
    const report = buildFeatureReport({
      workflow: workflow('RUNNING', [
        task('plan', 'COMPLETED', 0, 400, { criteria: ['c'], tasks: [] }),
        task('planReview', 'COMPLETED', 400, 600, { outcome: 'approved' }),
        task('red', 'FAILED', 600, 900, undefined, 'the test run did not complete'),
        task('red', 'COMPLETED', 900, 1_900, { summary: '1 new test fails for the right reason' }),
        task('green', 'IN_PROGRESS', 1_900, undefined),
      ]),
      events: [tokens('wf-7', 'testbot', 10, 1)],
      verdicts: [],
      changes: [],
    });

    it('shows the running phase, the phases not reached, and a retried phase by its last task', () => {
      assert.deepEqual(
        report.phases.map(({ phase, status, tasks, durationMs }) => [phase, status, tasks, durationMs]),
        [
          ['plan', 'done', 2, 600],
          ['red', 'done', 2, 1_300],
          ['green', 'running', 1, 0],
          ['refactor', 'not reached', 0, 0],
          ['review', 'not reached', 0, 0],
        ],
      );
      assert.equal(report.phases[1].summary, '1 new test fails for the right reason');
      assert.equal('summary' in report.phases[3], false);
    });

    it('leaves out what it does not know: the reason, the tests and any cost', () => {
      assert.equal('reason' in report, false);
      assert.equal('tests' in report, false);
      assert.deepEqual(report.totals, { promptTokens: 10, completionTokens: 1 });
      assert.equal(report.durationMs, 9_700);
    });
  });

  describe('of a workflow the healing layer retried, and that learned', () => {
    const tasks = [task('plan', 'COMPLETED', 0, 400), task('green', 'COMPLETED', 400, 2_000), task('review', 'COMPLETED', 2_000, 3_000)];
    const state = workflow('COMPLETED', tasks, { endedAt: 3_000 });
    const learned = [{ id: 'mem-1', kind: 'convention', scope: 'workspace', title: 'Tests run with node:test, in test/*.test.js' }];
    const healing = (taskId: string | undefined, action: 'detected' | 'retry' | 'recovered', attempt?: number): EngineEvent => ({
      type: 'healing',
      seq: ++seq,
      at: T0 + seq,
      workflowId: 'wf-7',
      ...(taskId !== undefined && { taskId }),
      action,
      failure: 'timeout',
      ...(attempt !== undefined && { attempt }),
      summary: `${action} at green`,
    });
    const report = buildFeatureReport({
      workflow: { ...state, outputs: { ...state.outputs, review: { outcome: 'approved', learned } } },
      events: [healing(tasks[1]?.id, 'detected'), healing(tasks[1]?.id, 'retry', 2), healing(tasks[1]?.id, 'recovered', 2), healing(undefined, 'detected'), { ...healing(tasks[1]?.id, 'retry'), workflowId: 'wf-8' }],
      verdicts: [],
      changes: [],
    });

    it("lists every healing step of this workflow in order, with the step it concerns", () => {
      assert.deepEqual(report.healing, [
        { action: 'detected', failure: 'timeout', step: 'green', summary: 'detected at green' },
        { action: 'retry', failure: 'timeout', step: 'green', attempt: 2, summary: 'retry at green' },
        { action: 'recovered', failure: 'timeout', step: 'green', attempt: 2, summary: 'recovered at green' },
        { action: 'detected', failure: 'timeout', summary: 'detected at green' },
      ]);
    });

    it("names what long-term memory kept, from the review's output", () => {
      assert.deepEqual(report.learned, learned);
    });
  });
});
