import * as assert from 'node:assert/strict';
import { applyUpdate, applyUpdates } from '../../../src/shared/dashboardReducer';
import { type ApprovalView, DASHBOARD_LIMITS, type DashboardState, type DashboardUpdate, emptyDashboard, type MemoryView, type WorkflowDescription } from '../../../src/shared/dashboardState';
import type { EngineEvent, EngineEventInput } from '../../../src/shared/events';

/** Stamps events as the engine does: seq from 1, `at` one second apart from T0. */
const T0 = 1_700_000_000_000;
function stamp(...inputs: EngineEventInput[]): EngineEvent[] {
  return inputs.map((input, i) => ({ ...input, seq: i + 1, at: T0 + i * 1_000 }) as EngineEvent);
}

function reduce(...updates: DashboardUpdate[]): DashboardState {
  return applyUpdates(emptyDashboard(), updates);
}

function description(overrides: Partial<WorkflowDescription> = {}): WorkflowDescription {
  return { type: 'workflow-description', workflowId: 'wf-1', name: 'feature', steps: ['plan', 'red', 'green'], phases: [], status: 'RUNNING', step: 'plan', createdAt: T0, updatedAt: T0, ...overrides };
}

describe('the dashboard reducer', () => {
  it('creates a workflow from its first event, tracks its status and step, and records when it ended', () => {
    const state = reduce(
      ...stamp(
        { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'plan' },
        { type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'red' },
        { type: 'workflow', workflowId: 'wf-1', status: 'FAILED', step: 'red', reason: 'the red gate failed' },
      ),
    );
    assert.equal(state.workflows.length, 1);
    const [workflow] = state.workflows;
    assert.deepEqual([workflow.id, workflow.status, workflow.step, workflow.reason, workflow.createdAt, workflow.endedAt], ['wf-1', 'FAILED', 'red', 'the red gate failed', T0, T0 + 2_000]);
    assert.equal(state.lastSeq, 3);
  });

  it('ignores events at or below lastSeq, so a replay after a snapshot changes nothing', () => {
    const events = stamp({ type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'plan' }, { type: 'workflow', workflowId: 'wf-1', status: 'PAUSED', step: 'plan' });
    const state = reduce(...events);
    assert.equal(applyUpdates(state, events), state);
    assert.equal(applyUpdate(state, { ...events[0], seq: 2 }), state);
  });

  it('follows the step through its tasks, adds the time of each ended attempt to its step, and closes one left open when the workflow ends', () => {
    const state = reduce(
      ...stamp(
        { type: 'task', workflowId: 'wf-1', taskId: 't1', step: 'red', status: 'IN_PROGRESS', retryCount: 0 },
        { type: 'task', workflowId: 'wf-1', taskId: 't1', step: 'red', status: 'FAILED', retryCount: 0 },
        { type: 'task', workflowId: 'wf-1', taskId: 't2', step: 'red', status: 'IN_PROGRESS', retryCount: 1 },
        { type: 'task', workflowId: 'wf-1', taskId: 't2', step: 'red', status: 'COMPLETED', retryCount: 1 },
        { type: 'task', workflowId: 'wf-1', taskId: 't3', step: 'green', status: 'IN_PROGRESS', retryCount: 0 },
      ),
    );
    assert.deepEqual(state.workflows[0].stepMs, { red: 2_000 });
    assert.deepEqual(state.workflows[0].openTask, { taskId: 't3', step: 'green', since: T0 + 4_000 });
    assert.equal(state.workflows[0].step, 'green', 'a task names the step the workflow is on');
    const canceled = applyUpdate(state, { type: 'workflow', workflowId: 'wf-1', status: 'CANCELED', step: 'green', seq: 6, at: T0 + 7_000 });
    assert.deepEqual(canceled.workflows[0].stepMs, { red: 2_000, green: 3_000 });
    assert.equal(canceled.workflows[0].openTask, undefined);
  });

  it('puts agent, tool, test-run, retry and verdict events on the timeline, with agent, tool, file, duration and outcome', () => {
    const state = reduce(
      ...stamp(
        { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started', message: 'Make the tests pass' },
        { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'step', step: 1 },
        { type: 'tool', workflowId: 'wf-1', agent: 'codebot', tool: 'edit_file', path: 'src/a.js', outcome: 'refused', durationMs: 12, message: 'test files are locked' },
        { type: 'retry', workflowId: 'wf-1', what: 'model-call', attempt: 1, delayMs: 500, reason: 'HTTP 429' },
        { type: 'verdict', workflowId: 'wf-1', subject: 'change', member: 'cso', decision: 'veto', summary: 'shell command from input' },
      ),
    );
    assert.deepEqual(
      state.timeline.map((entry) => [entry.kind, entry.agent, entry.outcome]),
      [
        ['agent', 'codebot', 'running'],
        ['tool', 'codebot', 'refused'],
        ['retry', undefined, 'info'],
        ['verdict', 'cso', 'error'],
      ],
    );
    const tool = state.timeline[1];
    assert.deepEqual([tool.tool, tool.path, tool.durationMs, tool.text], ['edit_file', 'src/a.js', 12, 'test files are locked']);
    assert.equal(state.workflows[0].retries, 1);
    assert.deepEqual(state.workflows[0].verdicts.map((verdict) => [verdict.member, verdict.decision, verdict.summary]), [['cso', 'veto', 'shell command from input']]);
  });

  it('keeps what each agent is doing: its last message stays through loop steps, tool calls say what it touches', () => {
    const state = reduce(
      ...stamp(
        { type: 'agent', workflowId: 'wf-1', agent: 'testbot', state: 'started', message: 'Write failing tests' },
        { type: 'agent', workflowId: 'wf-1', agent: 'testbot', state: 'step', step: 1 },
        { type: 'agent', workflowId: 'wf-1', agent: 'codebot', state: 'started', message: 'Make them pass' },
        { type: 'tool', workflowId: 'wf-1', agent: 'codebot', tool: 'write_file', path: 'src/b.js', outcome: 'ok', durationMs: 3 },
        { type: 'agent', workflowId: 'wf-1', agent: 'testbot', state: 'failed', message: 'model call failed' },
      ),
    );
    assert.deepEqual(
      state.agents.map((agent) => [agent.role, agent.state, agent.message]),
      [
        ['testbot', 'failed', 'model call failed'],
        ['codebot', 'working', 'write_file src/b.js'],
      ],
    );
  });

  it('makes one entry per test run: the finished run replaces its start, with counts and failures at their location', () => {
    const state = reduce(
      ...stamp(
        { type: 'test-run', workflowId: 'wf-1', label: 'wf-1 red', state: 'started' },
        {
          type: 'test-run',
          workflowId: 'wf-1',
          label: 'wf-1 red',
          state: 'finished',
          outcome: 'completed',
          summary: { passed: 2, failed: 1, skipped: 0, total: 3 },
          failures: [{ id: 'x', name: 'finds by author', suite: ['search'], file: 'test/s.test.js', line: 4, status: 'failed', message: 'expected 1 to equal 2', failureLocation: { file: 'test/s.test.js', line: 6, column: 9 } }],
        },
      ),
    );
    const runs = state.workflows[0].testRuns;
    assert.equal(runs.length, 1);
    assert.deepEqual([runs[0].state, runs[0].seq, runs[0].summary?.failed], ['finished', 1, 1]);
    assert.deepEqual(runs[0].failures, [{ name: 'search > finds by author', file: 'test/s.test.js', line: 6, column: 9, message: 'expected 1 to equal 2' }]);
    assert.equal(state.timeline.at(-1)?.outcome, 'error');
  });

  it('adds up tokens and cost per agent, per workflow and over all, and counts calls without a price apart', () => {
    const state = reduce(
      ...stamp(
        { type: 'tokens', workflowId: 'wf-1', agent: 'codebot', model: 'm', usage: { promptTokens: 100, completionTokens: 20, totalTokens: 120 }, costUsd: 0.5 },
        { type: 'tokens', workflowId: 'wf-1', agent: 'codebot', model: 'm', usage: { promptTokens: 50, completionTokens: 10, totalTokens: 60 } },
        { type: 'tokens', workflowId: 'wf-2', agent: 'testbot', model: 'm', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, costUsd: 0.25 },
      ),
    );
    assert.deepEqual(state.workflows.find((workflow) => workflow.id === 'wf-1')?.tokens, {
      codebot: { calls: 2, promptTokens: 150, completionTokens: 30, totalTokens: 180, costUsd: 0.5, unpricedCalls: 1 },
    });
    assert.deepEqual(Object.keys(state.tokens), ['codebot', 'testbot']);
    assert.equal(state.tokens.testbot?.costUsd, 0.25);
    assert.equal(state.timeline.length, 0, 'token counts are not activity lines');
  });

  it('takes name and steps from a description, and its status only when it is newer than the events', () => {
    const events = stamp({ type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'plan' }, { type: 'workflow', workflowId: 'wf-1', status: 'PAUSED', step: 'red' });
    const afterEvents = reduce(...events, description({ status: 'RUNNING', step: 'plan', updatedAt: T0 }));
    assert.deepEqual([afterEvents.workflows[0].name, afterEvents.workflows[0].steps, afterEvents.workflows[0].status], ['feature', ['plan', 'red', 'green'], 'PAUSED']);
    const newer = reduce(...events, description({ status: 'CANCELED', step: 'red', updatedAt: T0 + 5_000, endedAt: T0 + 5_000 }));
    assert.deepEqual([newer.workflows[0].status, newer.workflows[0].endedAt], ['CANCELED', T0 + 5_000]);
    assert.equal(newer.lastSeq, 2, 'a description has no seq');
  });

  it('lists workflows newest first, and when there are too many drops the oldest that ended', () => {
    const updates: DashboardUpdate[] = [];
    const total = DASHBOARD_LIMITS.workflows + 2;
    for (let n = 1; n <= total; n++) {
      // wf-1 keeps running; every other one ends.
      updates.push(description({ workflowId: `wf-${n}`, createdAt: T0 + n, updatedAt: T0 + n, status: n === 1 ? 'RUNNING' : 'COMPLETED' }));
    }
    const state = reduce(...updates);
    assert.equal(state.workflows.length, DASHBOARD_LIMITS.workflows);
    assert.equal(state.workflows[0].id, `wf-${total}`);
    const ids = new Set(state.workflows.map((workflow) => workflow.id));
    assert.ok(ids.has('wf-1'), 'a running workflow is kept');
    assert.ok(!ids.has('wf-2') && !ids.has('wf-3'), 'the two oldest ended ones went');
  });

  it('keeps the timeline to its cap, dropping the oldest lines, and cuts long texts', () => {
    const inputs: EngineEventInput[] = [];
    for (let i = 0; i < DASHBOARD_LIMITS.timeline + 5; i++) inputs.push({ type: 'tool', agent: 'codebot', tool: 'read_file', outcome: 'ok', durationMs: 1, message: 'x'.repeat(DASHBOARD_LIMITS.textChars * 2) });
    const state = reduce(...stamp(...inputs));
    assert.equal(state.timeline.length, DASHBOARD_LIMITS.timeline);
    assert.equal(state.timeline[0].seq, 6);
    assert.equal(state.timeline[0].text.length, DASHBOARD_LIMITS.textChars);
    assert.ok(state.timeline[0].text.endsWith('…'));
  });

  it('never changes its input, and keeps the parts an event does not touch', () => {
    const before = reduce(...stamp({ type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'plan' }, { type: 'workflow', workflowId: 'wf-2', status: 'RUNNING', step: 'plan' }));
    const frozen = structuredClone(before);
    const after = applyUpdate(before, { type: 'tokens', workflowId: 'wf-2', agent: 'cto', model: 'm', usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2 }, seq: 3, at: T0 + 3_000 });
    assert.deepEqual(before, frozen);
    assert.equal(after.timeline, before.timeline);
    assert.equal(after.agents, before.agents);
    assert.equal(
      after.workflows.find((workflow) => workflow.id === 'wf-1'),
      before.workflows.find((workflow) => workflow.id === 'wf-1'),
    );
  });

  it('counts the seq of an event type it does not know, and shows nothing of it', () => {
    const unknown = { type: 'memory', seq: 1, at: T0, note: 'from a newer engine' } as unknown as EngineEvent;
    const state = reduce(unknown);
    assert.equal(state.lastSeq, 1);
    assert.deepEqual([state.workflows, state.timeline], [[], []]);
  });

  it('puts what the healing layer noticed and did on the timeline, with the agent, the attempt and the answer', () => {
    const state = reduce(
      ...stamp(
        { type: 'healing', workflowId: 'wf-1', action: 'detected', failure: 'doom-loop', agent: 'codebot', summary: 'read_file src/a.js called 5 times in a row' },
        { type: 'healing', workflowId: 'wf-1', action: 'reduce-context', failure: 'doom-loop', attempt: 2, summary: 'retry with a summary of the failure' },
        { type: 'healing', workflowId: 'wf-1', action: 'ask-human', failure: 'doom-loop', summary: 'retries ran out', choice: 'skip' },
        { type: 'healing', workflowId: 'wf-1', action: 'recovered', failure: 'doom-loop', summary: 'the step passed' },
      ),
    );
    assert.deepEqual(
      state.timeline.map((entry) => [entry.kind, entry.agent, entry.outcome, entry.text]),
      [
        ['healing', 'codebot', 'error', 'Healing, doom loop: detected: read_file src/a.js called 5 times in a row'],
        ['healing', undefined, 'info', 'Healing, doom loop: retry with less context, attempt 2: retry with a summary of the failure'],
        ['healing', undefined, 'info', 'Healing, doom loop: ask you: retries ran out (answer: skip)'],
        ['healing', undefined, 'ok', 'Healing, doom loop: recovered: the step passed'],
      ],
    );
  });

  it('lists pending approvals oldest first, whatever their seq, drops each once settled, and clips what people read but not the options', () => {
    const option = `Continue ${'x'.repeat(DASHBOARD_LIMITS.textChars)}`;
    const escalation: ApprovalView = { id: 'approval-2', at: T0, workflowId: 'wf-1', kind: 'escalation', reason: 'r'.repeat(DASHBOARD_LIMITS.textChars + 10), options: [option, 'Skip'] };
    const edit: ApprovalView = { id: 'approval-1', at: T0, workflowId: 'wf-1', kind: 'edit', path: 'src/a.js', created: true, diff: [{ kind: 'added', text: 'a' }] };
    const events = stamp({ type: 'workflow', workflowId: 'wf-1', status: 'RUNNING', step: 'green' });
    let state = reduce(...events, { type: 'approval-pending', approval: edit }, { type: 'approval-pending', approval: escalation }, { type: 'approval-pending', approval: edit });
    assert.deepEqual(
      state.approvals.map((approval) => approval.id),
      ['approval-1', 'approval-2'],
      'one entry per id',
    );
    const shown = state.approvals[1];
    assert.ok(shown.kind === 'escalation' && shown.reason.length === DASHBOARD_LIMITS.textChars && shown.options[0] === option);
    state = applyUpdate(state, { type: 'approval-settled', id: 'approval-1' });
    assert.deepEqual(
      state.approvals.map((approval) => approval.id),
      ['approval-2'],
    );
    assert.equal(applyUpdate(state, { type: 'approval-settled', id: 'approval-1' }), state, 'settling twice changes nothing');
  });

  it("keeps an edit's diff within its cap and says how much is left out", () => {
    const diff = Array.from({ length: DASHBOARD_LIMITS.diffLines + 5 }, (_, i) => ({ kind: 'added' as const, text: `line ${i}` }));
    const state = reduce({ type: 'approval-pending', approval: { id: 'a', at: T0, workflowId: 'wf-1', kind: 'edit', path: 'big.js', created: true, diff } });
    const [edit] = state.approvals;
    assert.ok(edit.kind === 'edit');
    assert.equal(edit.diff.length, DASHBOARD_LIMITS.diffLines);
    assert.equal(edit.diffNote, '5 more lines of the diff are not shown here.');
  });

  it("sets a known workflow's changed files, capped, and ignores files of a workflow it does not show", () => {
    const state = reduce(...stamp({ type: 'workflow', workflowId: 'wf-1', status: 'COMPLETED' }));
    const files = Array.from({ length: DASHBOARD_LIMITS.filesPerWorkflow + 1 }, (_, i) => ({ path: `src/f${i}.js`, created: i === 0 }));
    const next = applyUpdate(state, { type: 'workflow-files', workflowId: 'wf-1', files });
    assert.equal(next.workflows[0].files?.length, DASHBOARD_LIMITS.filesPerWorkflow);
    assert.deepEqual(next.workflows[0].files?.[0], { path: 'src/f0.js', created: true });
    assert.equal(applyUpdate(state, { type: 'workflow-files', workflowId: 'wf-9', files }), state);
  });

  it("replaces the memories with each list, keeping the memories' text whole and their provenance within its cap", () => {
    const many = Array.from({ length: DASHBOARD_LIMITS.provenanceItems + 3 }, (_, i) => `test ${i}`);
    const memory: MemoryView = { id: 'mem-1', scope: 'global', kind: 'fix', title: 't', text: 'x'.repeat(8_000), tags: ['a'], provenance: { workflowId: 'wf-1', files: ['a.js'], tests: many }, createdAt: T0 };
    const memories = Array.from({ length: DASHBOARD_LIMITS.memories + 1 }, (_, i) => ({ ...memory, id: `mem-${i}` }));
    let state = reduce({ type: 'memories', memories });
    assert.equal(state.memories.length, DASHBOARD_LIMITS.memories);
    assert.equal(state.memories[0].text.length, 8_000);
    assert.equal(state.memories[0].provenance.tests.length, DASHBOARD_LIMITS.provenanceItems);
    state = applyUpdate(state, { type: 'memories', memories: [] });
    assert.deepEqual(state.memories, []);
  });
});
