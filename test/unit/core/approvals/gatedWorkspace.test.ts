import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { GatedWorkspace } from '../../../../src/core/approvals/gatedWorkspace';
import { PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';
import { reviewGate } from '../../../../src/core/approvals/reviewGate';
import type { ReviewMode } from '../../../../src/core/approvals/reviewModes';
import { AFTER_SAVING, SKIP_EDIT, unsavedChangesGate } from '../../../../src/core/approvals/unsavedChangesGate';
import type { JournalEntry } from '../../../../src/core/journal/journalEntry';
import { WriteJournal } from '../../../../src/core/journal/writeJournal';
import { WorkspaceError, type WriteOrigin } from '../../../../src/core/ports';
import { NodeWorkspace } from '../../../../src/infra/nodeWorkspace';
import { InMemoryAppendLog } from '../journal/inMemoryAppendLog';

const codebot: WriteOrigin = { workflowId: 'wf-1', agent: 'codebot' };

/** Resolves once the queue holds a request, then hands it over. */
async function nextPending(approvals: PendingApprovals) {
  // The gate asks after reading the file: real I/O, so wait by the clock, not by ticks.
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; ) {
    const [first] = approvals.pending();
    if (first) return first;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('no approval was requested');
}

describe('GatedWorkspace', () => {
  let root: string;
  let inner: NodeWorkspace;
  let journal: InMemoryAppendLog<JournalEntry>;
  let approvals: PendingApprovals;
  let mode: ReviewMode;
  let unsaved: Set<string>;
  let workspace: GatedWorkspace;

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(tmpdir(), 'imperium-gated-'));
    await fs.writeFile(path.join(root, 'a.js'), 'old\n');
    journal = new InMemoryAppendLog<JournalEntry>();
    inner = await NodeWorkspace.open(root, { journal: new WriteJournal(journal) });
    approvals = new PendingApprovals();
    mode = 'always';
    unsaved = new Set();
    workspace = new GatedWorkspace(inner, [unsavedChangesGate(approvals, (file) => unsaved.has(file)), reviewGate(approvals, () => mode)]);
  });

  afterEach(() => fs.rm(root, { recursive: true, force: true }));

  it('in "always" mode, writes only once the edit is approved, showing before and after', async () => {
    const writing = workspace.write('a.js', 'new\n', codebot);
    const pending = await nextPending(approvals);
    assert.deepEqual(pending.request, { kind: 'edit', workflowId: 'wf-1', path: 'a.js', before: 'old\n', after: 'new\n' });
    assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), 'old\n', 'nothing lands before the decision');
    approvals.decide(pending.id, { approved: true });
    await writing;
    assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), 'new\n');
  });

  it('a rejected edit is refused with the note, and neither written nor journalled', async () => {
    const writing = workspace.write('a.js', 'new\n', codebot);
    approvals.decide((await nextPending(approvals)).id, { approved: false, note: 'keep the old API' });
    await assert.rejects(writing, (error: unknown) => error instanceof WorkspaceError && error.code === 'refused' && /keep the old API/.test(error.message));
    assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), 'old\n');
    assert.deepEqual(await journal.readAll(), []);
  });

  it('asks nothing in the other modes', async () => {
    for (const other of ['never', 'unlessBoardApproved'] as const) {
      mode = other;
      await workspace.write('a.js', `${other}\n`, codebot);
      assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), `${other}\n`);
    }
    assert.deepEqual(approvals.pending(), []);
  });

  it('never overwrites a file with unsaved changes: waits until they are saved, then goes on', async () => {
    mode = 'never';
    unsaved.add('a.js');
    const writing = workspace.write('a.js', 'new\n', codebot);
    const asked = await nextPending(approvals);
    assert.equal(asked.request.kind, 'escalation');
    assert.ok(asked.request.kind === 'escalation' && asked.request.options.includes(SKIP_EDIT));
    approvals.decide(asked.id, { approved: true, choice: AFTER_SAVING });
    const again = await nextPending(approvals);
    assert.notEqual(again.id, asked.id, 'still unsaved: it asks again rather than overwrite');
    unsaved.clear();
    approvals.decide(again.id, { approved: true, choice: AFTER_SAVING });
    await writing;
    assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), 'new\n');
  });

  it('skipping an edit to a file with unsaved changes refuses it and leaves the file alone', async () => {
    unsaved.add('a.js');
    const deleting = workspace.delete('a.js', codebot);
    approvals.decide((await nextPending(approvals)).id, { approved: true, choice: SKIP_EDIT });
    await assert.rejects(deleting, /unsaved changes by the user/);
    assert.equal(await fs.readFile(path.join(root, 'a.js'), 'utf8'), 'old\n');
  });

  it("leaves a path the workspace refuses to the workspace's own error, without asking", async () => {
    await assert.rejects(workspace.write('../outside.js', 'x', codebot), (error: unknown) => error instanceof WorkspaceError && error.code === 'outside-root');
    assert.deepEqual(approvals.pending(), []);
  });
});
