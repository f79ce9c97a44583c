import * as assert from 'node:assert/strict';
import { approvalView } from '../../../../src/host/dashboard/approvalView';
import { DASHBOARD_LIMITS } from '../../../../src/shared/dashboardState';

describe('a pending approval as the views show it', () => {
  it("turns an edit into its diff's hunks, three lines of context around each change", () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';
    const after = before.replace('line 3\n', 'line three\n').replace('line 18\n', '');
    const view = approvalView({ id: 'approval-1', at: 5, request: { kind: 'edit', workflowId: 'wf-1', path: 'src/a.js', before, after } });
    assert.ok(view.kind === 'edit');
    assert.deepEqual([view.id, view.at, view.workflowId, view.path, view.created, view.diffNote], ['approval-1', 5, 'wf-1', 'src/a.js', false, undefined]);
    assert.deepEqual(
      view.diff.map((line) => `${line.kind}: ${line.text}`),
      [
        'hunk: @@ -1,6 +1,6 @@',
        'context: line 1',
        'context: line 2',
        'removed: line 3',
        'added: line three',
        'context: line 4',
        'context: line 5',
        'context: line 6',
        'hunk: @@ -15,6 +15,5 @@',
        'context: line 15',
        'context: line 16',
        'context: line 17',
        'removed: line 18',
        'context: line 19',
        'context: line 20',
      ],
    );
  });

  it('shows a new file as added lines, and says so; an edit that changes nothing says that', () => {
    const created = approvalView({ id: 'a', at: 0, request: { kind: 'edit', workflowId: 'wf-1', path: 'b.js', after: 'x\ny\n' } });
    assert.ok(created.kind === 'edit' && created.created);
    assert.deepEqual(
      created.diff.map((line) => line.kind),
      ['hunk', 'added', 'added'],
    );
    const same = approvalView({ id: 'b', at: 0, request: { kind: 'edit', workflowId: 'wf-1', path: 'b.js', before: 'x', after: 'x' } });
    assert.ok(same.kind === 'edit');
    assert.deepEqual([same.diff, same.diffNote], [[], 'The edit leaves the file as it is.']);
  });

  it('keeps a long diff within the cap and counts what is left out', () => {
    const after = Array.from({ length: DASHBOARD_LIMITS.diffLines + 50 }, (_, i) => `${i}`).join('\n');
    const view = approvalView({ id: 'a', at: 0, request: { kind: 'edit', workflowId: 'wf-1', path: 'big.txt', after } });
    assert.ok(view.kind === 'edit');
    assert.equal(view.diff.length, DASHBOARD_LIMITS.diffLines);
    assert.equal(view.diffNote, '51 more lines of the diff are not shown here.');
  });

  it('passes commands and escalations on as they are', () => {
    assert.deepEqual(approvalView({ id: 'a', at: 1, request: { kind: 'command', workflowId: 'wf-1', command: 'npm test' } }), { id: 'a', at: 1, workflowId: 'wf-1', kind: 'command', command: 'npm test' });
    assert.deepEqual(approvalView({ id: 'b', at: 1, request: { kind: 'escalation', workflowId: 'wf-1', reason: 'stuck', options: ['Retry', 'Abort'] } }), {
      id: 'b',
      at: 1,
      workflowId: 'wf-1',
      kind: 'escalation',
      reason: 'stuck',
      options: ['Retry', 'Abort'],
    });
  });
});
