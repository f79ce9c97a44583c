// An edit already in the workspace (its workflow ended without the Board's approval) is asked about
// as what it is: keep or revert, not approve or reject a change that has not landed (issue 15,
// point 5: states that tell the truth).
import * as assert from 'node:assert/strict';
import { approvalView } from '../../../src/host/dashboard/approvalView';
import { DESCRIPTION, snapshotOf, stamp, FEATURE_EVENTS } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

describe('an approval of an edit already in the workspace', () => {
  let page: TestPage | undefined;
  afterEach(() => page?.close());

  const show = (applied: boolean) => {
    page = openPage('command-center');
    const approval = approvalView({ id: 'approval-9', at: 1, request: { kind: 'edit', workflowId: 'wf-1', path: 'test/citation.test.js', after: 'x\n', ...(applied && { applied: true }) } });
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'approval-pending', approval }]));
    page.runFrames();
    const entry = page.document.querySelector('.approval');
    assert.ok(entry);
    return {
      heading: entry.querySelector('.approval-head strong')?.textContent?.trim(),
      buttons: [...entry.querySelectorAll('.approval-actions [aria-label]')].map((button) => button.getAttribute('aria-label')),
      note: entry.querySelector('.approval-applied')?.textContent,
    };
  };

  it('offers Keep and Revert, and says the change is in the workspace', () => {
    const { heading, buttons, note } = show(true);
    assert.equal(heading, 'Keep or revert');
    assert.deepEqual(buttons, ['Keep the edit to test/citation.test.js', 'Revert the edit to test/citation.test.js']);
    assert.equal(note, "wf-1 ended without the Board's approval; this new file is in the workspace. Keep it, or revert it.");
  });

  it('offers Approve and Reject for an edit that has not landed', () => {
    const { heading, buttons, note } = show(false);
    assert.equal(heading, 'New file');
    assert.deepEqual(buttons, ['Approve the edit to test/citation.test.js', 'Reject the edit to test/citation.test.js']);
    assert.equal(note, undefined);
  });
});
