import * as assert from 'node:assert/strict';
import { type ApprovalChange, PendingApprovals } from '../../../../src/core/approvals/pendingApprovals';

const edit = (workflowId: string, path: string) => ({ kind: 'edit', workflowId, path, after: 'new' }) as const;

describe('PendingApprovals', () => {
  it('holds a request until a surface decides it, and tells every listener', async () => {
    const approvals = new PendingApprovals({ now: () => 0 });
    const changes: ApprovalChange[] = [];
    approvals.subscribe((change) => changes.push(change));
    const decision = approvals.request(edit('wf-1', 'src/a.ts'));
    const [pending] = approvals.pending();
    assert.ok(pending);
    assert.equal(pending.request.kind, 'edit');
    assert.equal(approvals.decide(pending.id, { approved: true }), true);
    assert.deepEqual(await decision, { approved: true });
    assert.equal(approvals.decide(pending.id, { approved: false }), false, 'a second answer finds nothing to decide');
    assert.deepEqual(
      changes.map((change) => change.type),
      ['added', 'settled'],
    );
    assert.deepEqual(approvals.pending(), []);
  });

  it('withdraws a request whose signal aborts, rejecting with the reason', async () => {
    const approvals = new PendingApprovals();
    const controller = new AbortController();
    const decision = approvals.request(edit('wf-1', 'a'), controller.signal);
    controller.abort(new Error('workflow paused'));
    await assert.rejects(decision, /workflow paused/);
    assert.deepEqual(approvals.pending(), []);
  });

  it("withdraws only the canceled workflow's requests", async () => {
    const approvals = new PendingApprovals();
    const first = approvals.request(edit('wf-1', 'a'));
    const other = approvals.request(edit('wf-2', 'b'));
    approvals.withdrawWorkflow('wf-1', new Error('canceled'));
    await assert.rejects(first, /canceled/);
    assert.deepEqual(
      approvals.pending().map((approval) => approval.request.workflowId),
      ['wf-2'],
    );
    approvals.decide(approvals.pending()[0]!.id, { approved: false, note: 'no' });
    assert.deepEqual(await other, { approved: false, note: 'no' });
  });

  it('refuses at once when the signal has already aborted', async () => {
    const approvals = new PendingApprovals();
    await assert.rejects(approvals.request(edit('wf-1', 'a'), AbortSignal.abort(new Error('gone'))), /gone/);
    assert.deepEqual(approvals.pending(), []);
  });
});
