// The command center's Tests card says where the agents' test runs ran: a warning when model-written
// code ran without a sandbox (the person sees it beside the counts, not only in a log), a quiet line
// when bubblewrap confined it, nothing when the runner did not say (a debug session).
import * as assert from 'node:assert/strict';
import type { EngineEventInput } from '../../../src/shared/events';
import { DESCRIPTION, FEATURE_EVENTS, snapshotOf, stamp } from './dashboardFixture';
import { openPage, type TestPage } from './jsdomPage';

const UNCONFINED = { confined: false, network: true, note: 'NOT confined: bubblewrap (bwrap) is not installed or cannot create a sandbox here (apt-get install bubblewrap); the environment is scrubbed' };
const CONFINED = { confined: true, by: 'bubblewrap' as const, network: false, note: 'confined by bubblewrap: writes only in the workspace and a temporary folder, home folders hidden, no network' };

function finishedRun(confinement?: typeof UNCONFINED | typeof CONFINED): EngineEventInput {
  return {
    type: 'test-run',
    workflowId: 'wf-1',
    label: 'wf-1 green',
    state: 'finished',
    outcome: 'completed',
    summary: { passed: 3, failed: 0, skipped: 0, total: 3 },
    ...(confinement && { confinement }),
  };
}

describe('the Tests card: where the test runs ran', () => {
  let page: TestPage;
  afterEach(() => page?.close());

  function confinementShown(event: EngineEventInput): { text: string; className: string; role: string | null } | undefined {
    page = openPage('command-center');
    page.post(snapshotOf([DESCRIPTION, ...stamp([...FEATURE_EVENTS, event])]));
    page.runFrames();
    const line = page.document.querySelector('section.tests .test-confinement');
    return line ? { text: line.textContent?.trim() ?? '', className: line.className, role: line.getAttribute('role') } : undefined;
  }

  it('warns, as a note beside the counts, when the run was not confined', () => {
    const shown = confinementShown(finishedRun(UNCONFINED));
    assert.ok(shown, 'the line shows');
    assert.match(shown.text, /^NOT confined: bubblewrap \(bwrap\) is not installed/);
    assert.match(shown.className, /unconfined/);
    assert.equal(shown.role, 'note');
  });

  it('says quietly what confined a confined run, and says nothing when the runner did not say', () => {
    const shown = confinementShown(finishedRun(CONFINED));
    assert.match(shown?.text ?? '', /^Confined by bubblewrap: writes only in the workspace/);
    assert.doesNotMatch(shown?.className ?? '', /unconfined/);
    page.close();
    assert.equal(confinementShown(finishedRun()), undefined);
  });
});
