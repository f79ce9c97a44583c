// `imperium run --allow-network` (issue 16, point 1): the permission is the workflow's, recorded in
// its folder's event log with the workflow, on every test run it makes, and said in its report and
// on the terminal; a workflow run without the flag in the same folder has no network.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { usableBubblewrap } from '../../../src/infra/sandbox/bubblewrap';
import { readEvents, readReport } from './engineRecords';
import { printed, REPOSITORY, runImperium } from './imperiumProcess';
import { copyFixture, type ProjectCopy } from './projectCopy';

const RUN_DEADLINE_MS = 120_000;
const SCENARIO = join(REPOSITORY, 'test/fixtures/fix-scenarios/pytest-word-count.json');

describe('imperium run --allow-network (end to end)', function () {
  this.timeout(2 * RUN_DEADLINE_MS + 30_000);
  this.slow(30_000);
  let project: ProjectCopy | undefined;
  afterEach(() => project?.remove());

  it('allows the network to the workflow it starts, and to no other', async () => {
    project = await copyFixture('fix-exercises/word-count-pytest');
    const allowedReport = join(project.root, 'allowed.json');
    const allowed = await runImperium(['run', project.folder, '--workflow', 'fix', '--scenario', SCENARIO, '--allow-network', '--report', allowedReport], RUN_DEADLINE_MS);
    assert.equal(allowed.code, 0, printed(allowed));
    assert.match(allowed.stdout, /^Network: test runs may reach the network \(allowed when the workflow started\)\.$/m);
    const first = readReport(allowedReport);
    assert.equal(first.network, 'test runs may reach the network (allowed when the workflow started)');

    // The same folder, a second workflow without the flag (it finds nothing failing now, after its
    // first test run, and stops): the first one's permission is not its.
    const deniedReport = join(project.root, 'denied.json');
    const denied = await runImperium(['run', project.folder, '--workflow', 'fix', '--scenario', SCENARIO, '--report', deniedReport], RUN_DEADLINE_MS);
    const second = readReport(deniedReport);
    assert.notEqual(second.workflowId, first.workflowId, printed(denied));
    assert.equal(second.network, 'test runs have no network');

    const events = readEvents(project.folder);
    assert.deepEqual(events.filter((event) => event.type === 'network').map((event) => event.workflowId), [first.workflowId]);
    if (await usableBubblewrap()) {
      const runs = (id: string) => events.flatMap((event) => (event.type === 'test-run' && event.workflowId === id && event.confinement ? [event.confinement.network] : []));
      assert.ok(runs(first.workflowId).length > 0 && runs(first.workflowId).every(Boolean), JSON.stringify(runs(first.workflowId)));
      assert.ok(runs(second.workflowId).length > 0 && !runs(second.workflowId).some(Boolean), JSON.stringify(runs(second.workflowId)));
    }
  });
});
