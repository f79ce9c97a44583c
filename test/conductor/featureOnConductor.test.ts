// The feature workflow end to end on Conductor: `imperium run --engine conductor` on a copy of the
// node:test fixture with the scripted model, next to the same run on the embedded engine. Both
// reports agree (phases, files, tests), and Conductor's own REST API has the workflow COMPLETED
// with every one of its tasks.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { readReport } from '../unit/cliEndToEnd/engineRecords';
import { printed, runImperium } from '../unit/cliEndToEnd/imperiumProcess';
import { copyFixture, type ProjectCopy, SCENARIOS } from '../unit/cliEndToEnd/projectCopy';
import { freeLoopbackPort } from './harness/conductorServer';
import { suiteServer } from './harness/serverHooks';
import { serverWorkflow } from './support/engineFixture';

const RUN_DEADLINE_MS = 240_000;
const REQUEST = 'Add multiply(a, b) to the calculator.';
const SCENARIO = join(SCENARIOS, 'node-test-calc-multiply.json');

describe('The feature workflow on Conductor (end to end)', function () {
  this.timeout(RUN_DEADLINE_MS + 60_000);
  const copies: ProjectCopy[] = [];
  after(() => Promise.all(copies.map((copy) => copy.remove())));

  it('imperium run --engine conductor completes with the same report as on the embedded engine, and status reads it from the server', async () => {
    const [embeddedCopy, conductorCopy] = await Promise.all([copyFixture('node-test-project'), copyFixture('node-test-project')]);
    copies.push(embeddedCopy, conductorCopy);
    const embeddedReport = join(embeddedCopy.root, 'report.json');
    const conductorReport = join(conductorCopy.root, 'report.json');
    const [embedded, onConductor] = await Promise.all([
      runImperium(['run', embeddedCopy.folder, REQUEST, '--scenario', SCENARIO, '--report', embeddedReport], RUN_DEADLINE_MS),
      runImperium(['run', conductorCopy.folder, REQUEST, '--scenario', SCENARIO, '--report', conductorReport, '--engine', 'conductor', '--conductor-url', suiteServer().url], RUN_DEADLINE_MS),
    ]);
    assert.equal(embedded.code, 0, printed(embedded));
    assert.equal(onConductor.code, 0, printed(onConductor));
    const a = readReport(embeddedReport);
    const b = readReport(conductorReport);
    assert.equal(b.status, 'COMPLETED');
    assert.deepEqual(b.phases.map((phase) => `${phase.phase} ${phase.status}`), a.phases.map((phase) => `${phase.phase} ${phase.status}`));
    assert.deepEqual(b.files.map((file) => `${file.change} ${file.path}`).sort(), a.files.map((file) => `${file.change} ${file.path}`).sort());
    assert.deepEqual(b.tests?.summary, a.tests?.summary);

    const onServer = await serverWorkflow(suiteServer().url, b.workflowId);
    assert.equal(onServer.status, 'COMPLETED');
    const steps = onServer.tasks.filter((task) => task.taskType !== 'DO_WHILE');
    assert.ok(steps.every((task) => task.status === 'COMPLETED'), steps.map((task) => `${task.referenceTaskName}:${task.status}`).join(', '));
    assert.deepEqual([...new Set(steps.map((task) => task.referenceTaskName.replace(/__\d+$/, '')))], ['plan', 'planReview', 'red', 'green', 'refactor', 'review']);

    // imperium status --engine conductor reads the workflow back from the server.
    const listed = await runImperium(['status', conductorCopy.folder, '--json', '--engine', 'conductor', '--conductor-url', suiteServer().url], 60_000);
    assert.equal(listed.code, 0, printed(listed));
    assert.deepEqual((JSON.parse(listed.stdout) as { id: string; status: string; step?: string }[]).map((workflow) => [workflow.id, workflow.status]), [[b.workflowId, 'COMPLETED']]);
  });

  it('exits 2 naming the address when the server is unreachable at start', async () => {
    const copy = await copyFixture('node-test-project');
    copies.push(copy);
    const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const run = await runImperium(['run', copy.folder, REQUEST, '--scenario', SCENARIO, '--engine', 'conductor', '--conductor-url', url], 60_000);
    assert.equal(run.code, 2, printed(run));
    assert.match(run.stderr, new RegExp(`Conductor unreachable at ${url.replace(/[.]/g, '\\.')}`));
  });
});
