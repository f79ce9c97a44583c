// An edit to a file that runs code on install, commit or open is asked about by its named kind
// (issue 16, point 3): the pending approval says what the file runs and that only the person can
// approve it, in the host's view of it and in the command center.
import * as assert from 'node:assert/strict';
import { approvalView } from '../../../src/host/dashboard/approvalView';
import { DESCRIPTION, snapshotOf, stamp, FEATURE_EVENTS } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

const RUNS_CODE = 'runs code when npm installs, packs or publishes the package (its lifecycle script "postinstall")';

describe('an approval of a change to a file that runs code', () => {
  let page: TestPage | undefined;
  afterEach(() => page?.close());

  const pending = () =>
    approvalView({
      id: 'approval-7',
      at: 1,
      request: { kind: 'edit', workflowId: 'wf-1', path: 'package.json', before: '{"scripts":{}}\n', after: '{"scripts":{"postinstall":"sh x"}}\n', runsCode: RUNS_CODE },
    });

  it('carries what the file runs into the views', () => {
    const view = pending();
    assert.ok(view.kind === 'edit');
    assert.equal(view.runsCode, RUNS_CODE);
  });

  it('is shown with a warning that names what the file runs and who alone may approve it', () => {
    page = openPage('command-center');
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'approval-pending', approval: pending() }]));
    page.runFrames();
    const entry = page.document.querySelector('.approval');
    const warning = entry?.querySelector('.approval-runs-code');
    assert.ok(warning, entry?.outerHTML);
    assert.equal(warning.getAttribute('role'), 'note');
    assert.equal(warning.textContent?.trim(), `This file ${RUNS_CODE}. Only you can approve this change; the Board cannot.`);
  });

  it('shows no such warning on an ordinary edit', () => {
    page = openPage('command-center');
    const ordinary = approvalView({ id: 'approval-8', at: 1, request: { kind: 'edit', workflowId: 'wf-1', path: 'src/a.js', after: 'x\n' } });
    page.post(snapshotOf([DESCRIPTION, ...stamp(FEATURE_EVENTS), { type: 'approval-pending', approval: ordinary }]));
    page.runFrames();
    assert.ok(page.document.querySelector('.approval'));
    assert.equal(page.document.querySelector('.approval-runs-code'), null);
  });
});
