import * as assert from 'node:assert/strict';
import { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import type { MemoryBrowser, MemoryEdit } from '../../../../src/host/dashboard/dashboardSource';
import { EngineDashboardSource, type EngineDashboardSourceOptions } from '../../../../src/host/dashboard/engineDashboardSource';
import type { ChangedFileView, DashboardUpdate, MemoryView } from '../../../../src/shared/dashboardState';
import { handler, handlersOf, useEngines } from '../../core/orchestrator/engineTestKit';
import { RecordingLogger } from '../../infra/store/storeTestKit';

// The source's parts beyond the engine's events: pending approvals (decided through it), the files
// a workflow changed, undo and diffs, and the learned memories. A real engine over a real store; the
// host's functions are test doubles that record their calls.

const EDITING = { name: 'editing', version: 1, steps: [{ name: 'green', handler: 'code' }] };

/** A step that asks to write src/a.js and writes it only when approved, as the review gate has CodeBot do. */
function reviewedEdit(approvals: PendingApprovals, written: string[]) {
  return handlersOf({
    code: handler(async (_input, context) => {
      const decision = await approvals.request({ kind: 'edit', workflowId: context.workflowId, path: 'src/a.js', before: 'a\nb\n', after: 'a\nB\n' }, context.signal);
      if (decision.approved) {
        written.push('src/a.js');
        context.emit({ type: 'tool', agent: 'codebot', tool: 'write_file', path: 'src/a.js', outcome: 'ok', durationMs: 1 });
      }
    }),
  });
}

class FakeMemories implements MemoryBrowser {
  memories: MemoryView[] = [{ id: 'mem-1', scope: 'workspace', kind: 'fix', title: 'Lower-case both sides', text: 'When comparing names.', tags: [], provenance: { workflowId: 'wf-0', files: [], tests: [] }, createdAt: 1 }];
  readonly calls: string[] = [];
  failList = false;
  private listener: (() => void) | undefined;

  async list(limit: number): Promise<MemoryView[]> {
    this.calls.push(`list ${limit}`);
    if (this.failList) throw new Error('the memory folder is locked');
    return [...this.memories];
  }

  async update(id: string, edit: MemoryEdit): Promise<void> {
    this.calls.push(`update ${id} ${JSON.stringify(edit)}`);
    this.memories = this.memories.map((memory) => (memory.id === id ? { ...memory, ...edit } : memory));
  }

  async delete(id: string): Promise<void> {
    this.calls.push(`delete ${id}`);
    this.memories = this.memories.filter((memory) => memory.id !== id);
  }

  onDidChange(listener: () => void): () => void {
    this.listener = listener;
    return () => (this.listener = undefined);
  }

  learn(memory: MemoryView): void {
    this.memories = [memory, ...this.memories];
    this.listener?.();
  }
}

const until = async (what: string, probe: () => boolean) => {
  const deadline = Date.now() + 5_000;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('the dashboard source: approvals, changed files, undo, diffs and memories', () => {
  const engines = useEngines('dashboard-extras');
  const sources: EngineDashboardSource[] = [];
  afterEach(() => sources.splice(0).forEach((source) => source.dispose()));

  async function open(options: Omit<EngineDashboardSourceOptions, 'logger'>, logger = new RecordingLogger()) {
    const source = await EngineDashboardSource.open({ logger, ...options });
    sources.push(source);
    return source;
  }

  it('shows a pending edit in the snapshot and as an update, with its diff, and the edit applies once approved through it', async () => {
    const approvals = new PendingApprovals();
    const written: string[] = [];
    const underTest = await engines.open(reviewedEdit(approvals, written));
    const source = await open({ engine: underTest.engine, approvals });
    const seen: DashboardUpdate[] = [];
    source.subscribe((update) => seen.push(update));
    const id = await underTest.engine.start(EDITING);
    await until('the edit to wait for approval', () => source.snapshot().state.approvals.length === 1);
    const [pending] = source.snapshot().state.approvals;
    assert.ok(pending.kind === 'edit');
    assert.deepEqual([pending.workflowId, pending.path, pending.created], [id, 'src/a.js', false]);
    assert.deepEqual(
      pending.diff.map((line) => `${line.kind} ${line.text}`),
      ['hunk @@ -1,2 +1,2 @@', 'context a', 'removed b', 'added B'],
    );
    assert.deepEqual(
      seen.filter((update) => update.type === 'approval-pending').map((update) => update.type === 'approval-pending' && update.approval.id),
      [pending.id],
    );
    const reopened = await open({ engine: underTest.engine, approvals });
    assert.deepEqual(reopened.snapshot().state.approvals, [pending], 'a view opened later gets it in its snapshot');

    await source.decide(pending.id, { approved: true });
    assert.equal((await underTest.engine.settled(id)).status, 'COMPLETED');
    assert.deepEqual(written, ['src/a.js']);
    assert.deepEqual(source.snapshot().state.approvals, []);
    assert.ok(seen.some((update) => update.type === 'approval-settled' && update.id === pending.id));
    await assert.rejects(source.decide(pending.id, { approved: true }), /no longer waiting/);
  });

  it("links a workflow to its page in the engine's UI when the host knows one, and opens only the host's own address", async () => {
    const underTest = await engines.open(handlersOf({ code: handler(async () => ({ output: {} })) }));
    const opened: string[] = [];
    const source = await open({
      engine: underTest.engine,
      engineLink: (workflowId) => (workflowId === 'not-on-conductor' ? undefined : { label: 'Open in Conductor', url: `http://127.0.0.1:5000/execution/${workflowId}` }),
      openExternal: async (url) => void opened.push(url),
    });
    const id = await underTest.engine.start(EDITING);
    await underTest.engine.settled(id);
    await until('the workflow to be described', () => source.snapshot().state.workflows.some((workflow) => workflow.id === id && workflow.engineLink !== undefined));
    assert.deepEqual(source.snapshot().state.workflows.find((workflow) => workflow.id === id)?.engineLink, { label: 'Open in Conductor', url: `http://127.0.0.1:5000/execution/${id}` });
    await source.openEngineLink(id);
    assert.deepEqual(opened, [`http://127.0.0.1:5000/execution/${id}`]);
    await assert.rejects(source.openEngineLink('not-on-conductor'), /has no page in an engine UI here \(set imperium\.conductor\.uiUrl/);
    const plain = await open({ engine: underTest.engine });
    await assert.rejects(plain.openEngineLink(id), /has no page in an engine UI/);
    assert.equal(plain.snapshot().state.workflows.find((workflow) => workflow.id === id)?.engineLink, undefined, 'no link without an engine UI');
  });

  it('names what answered for a workflow when the host says (the scripted trial), and nothing otherwise', async () => {
    const underTest = await engines.open(handlersOf({ code: handler(async () => ({ output: {} })) }));
    const source = await open({ engine: underTest.engine, modelNote: () => 'Model: SCRIPTED (scripted-bookshelf)' });
    const id = await underTest.engine.start(EDITING);
    await underTest.engine.settled(id);
    await until('the workflow to be described', () => source.snapshot().state.workflows.some((workflow) => workflow.id === id && workflow.modelNote !== undefined));
    assert.equal(source.snapshot().state.workflows.find((workflow) => workflow.id === id)?.modelNote, 'Model: SCRIPTED (scripted-bookshelf)');
    const plain = await open({ engine: underTest.engine });
    await until('the workflow to be described', () => plain.snapshot().state.workflows.some((workflow) => workflow.id === id && workflow.name !== ''));
    assert.equal(plain.snapshot().state.workflows.find((workflow) => workflow.id === id)?.modelNote, undefined);
  });

  it("says the host's own reason for a control it leaves out, and the general one otherwise", async () => {
    const underTest = await engines.open(handlersOf({}));
    const trial = await open({ engine: underTest.engine, unavailableReasons: { start: 'This is the scripted trial.', undo: 'This is the scripted trial.' } });
    const { capabilities } = trial.snapshot();
    assert.deepEqual(capabilities.start, { available: false, reason: 'This is the scripted trial.' });
    assert.deepEqual(capabilities.undo, { available: false, reason: 'This is the scripted trial.' });
    assert.deepEqual(capabilities.diff, { available: false, reason: 'Diffs of the changed files are not available in this window.' });
    await assert.rejects(trial.start('anything'), /This is the scripted trial\./);
  });

  it("takes an escalation's answer only among its options, and an edit's verdict without one", async () => {
    const approvals = new PendingApprovals();
    const underTest = await engines.open(handlersOf({}));
    const source = await open({ engine: underTest.engine, approvals });
    const answer = approvals.request({ kind: 'escalation', workflowId: 'wf-1', reason: 'retries ran out', options: ['Retry', 'Skip'] });
    const edit = approvals.request({ kind: 'edit', workflowId: 'wf-1', path: 'a.js', after: 'x' });
    const [escalation, editApproval] = source.snapshot().state.approvals;
    await assert.rejects(source.decide(escalation.id, { approved: true, choice: 'Abort' }), /Choose one of the offered answers: Retry, Skip\./);
    await assert.rejects(source.decide(escalation.id, { approved: true }), /Choose one of the offered answers/);
    await assert.rejects(source.decide(editApproval.id, { approved: true, choice: 'Retry' }), /offers no answers to choose from/);
    await source.decide(escalation.id, { approved: true, choice: 'Skip' });
    await source.decide(editApproval.id, { approved: false });
    assert.deepEqual(await answer, { approved: true, choice: 'Skip' });
    assert.deepEqual(await edit, { approved: false });
    assert.ok(editApproval.kind === 'edit' && editApproval.created, 'an edit without a before creates the file');
  });

  it("lists a workflow's changed files once it is met, again after its writes, and after an undo; diffs go to the host", async () => {
    const approvals = new PendingApprovals();
    const files = new Map<string, ChangedFileView[]>();
    const calls: string[] = [];
    const underTest = await engines.open(reviewedEdit(approvals, []));
    const source = await open({
      engine: underTest.engine,
      approvals,
      changedFiles: async (workflowId) => files.get(workflowId) ?? [],
      undo: async (workflowId) => {
        calls.push(`undo ${workflowId}`);
        files.set(workflowId, []);
      },
      openDiff: async (workflowId, path) => void calls.push(`diff ${workflowId} ${path}`),
    });
    const id = await underTest.engine.start(EDITING);
    const workflow = () => source.snapshot().state.workflows.find((candidate) => candidate.id === id);
    await until('the files to be listed', () => workflow()?.files !== undefined);
    assert.deepEqual(workflow()?.files, []);
    await until('the edit', () => source.snapshot().state.approvals.length === 1);
    files.set(id, [{ path: 'src/a.js', created: false }]);
    await source.decide(source.snapshot().state.approvals[0].id, { approved: true });
    await underTest.engine.settled(id);
    await until('the written file to be listed', () => workflow()?.files?.length === 1);
    assert.deepEqual(source.snapshot().capabilities.files, { available: true });
    await source.openDiff(id, 'src/a.js');
    await source.undo(id);
    assert.deepEqual(calls, [`diff ${id} src/a.js`, `undo ${id}`]);
    assert.deepEqual(workflow()?.files, [], 'listed again once the undo is done');
  });

  it('lists the memories at open and when they change, edits and deletes them through the host, and keeps the list when listing fails', async () => {
    const memories = new FakeMemories();
    const logger = new RecordingLogger();
    const underTest = await engines.open(handlersOf({}));
    const source = await open({ engine: underTest.engine, memories }, logger);
    const titles = () => source.snapshot().state.memories.map((memory) => memory.title);
    assert.deepEqual(titles(), ['Lower-case both sides']);
    assert.deepEqual(memories.calls, ['list 100']);
    memories.learn({ ...memories.memories[0], id: 'mem-2', title: 'Keep search in src/search.js' });
    await until('the new memory', () => titles().length === 2);
    await source.editMemory('mem-1', { title: 'Compare names lower-cased' });
    assert.deepEqual(titles(), ['Keep search in src/search.js', 'Compare names lower-cased']);
    await source.deleteMemory('mem-2');
    assert.deepEqual(titles(), ['Compare names lower-cased']);
    memories.failList = true;
    await source.deleteMemory('mem-1');
    assert.deepEqual(titles(), ['Compare names lower-cased'], 'the views keep what they had');
    assert.ok(logger.lines.some((line) => /could not list the learned memories: the memory folder is locked/.test(line)), logger.lines.join('\n'));
  });

  it('stops following approvals and memories once disposed', async () => {
    const approvals = new PendingApprovals();
    const memories = new FakeMemories();
    const underTest = await engines.open(handlersOf({}));
    const source = await open({ engine: underTest.engine, approvals, memories });
    source.dispose();
    void approvals.request({ kind: 'command', workflowId: 'wf-1', command: 'npm test' }).catch(() => undefined);
    memories.learn({ ...memories.memories[0], id: 'mem-2' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(source.snapshot().state.approvals, []);
    assert.equal(source.snapshot().state.memories.length, 1);
    approvals.withdrawWorkflow('wf-1', new Error('test over'));
  });
});
