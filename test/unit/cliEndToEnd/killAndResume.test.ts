// `imperium run` killed (SIGKILL) while green waits for CodeBot, then `imperium resume` with a
// scenario that scripts only what remains: the workflow finishes from its last completed step,
// plan and red are not run again, the interrupted green runs again as a retry, and no file is
// written twice, even when the killed green had already written it.
import * as assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { WorkflowSummary } from '../../../src/core/orchestrator/workflowState';
import { readEvents, readJournalWrites, readReport, readWorkflow } from './engineRecords';
import { printed, runImperium, startImperium, type ImperiumProcess } from './imperiumProcess';
import { copyFixture, SCENARIOS, type ProjectCopy } from './projectCopy';

const RUN_DEADLINE_MS = 120_000;

describe('imperium run killed, then imperium resume (end to end)', function () {
  this.timeout(2 * RUN_DEADLINE_MS + 30_000);
  this.slow(30_000);
  let copy: ProjectCopy;
  let first: ImperiumProcess | undefined;
  after(async () => {
    if (first?.child.exitCode === null && first.child.signalCode === null) first.child.kill('SIGKILL');
    await copy?.remove();
  });

  it('finishes the workflow from its last completed step, re-running only the interrupted green', async () => {
    copy = await copyFixture('mocha-project');
    const { root, folder } = copy;

    first = startImperium(['run', folder, 'Add Stack#isEmpty().', '--scenario', join(SCENARIOS, 'kill-resume-first-run.json')], RUN_DEADLINE_MS);
    // CodeBot starts once green's task is on disk as in progress; its model call then waits a minute.
    await first.waitForStdout(/^ {3}codebot starts$/m, RUN_DEADLINE_MS);
    first.child.kill('SIGKILL');
    const killed = await first.ended;
    assert.equal(killed.signal, 'SIGKILL');
    assert.match(killed.stdout, /^── GREEN$/m);

    const status = await runImperium(['status', folder, '--json'], RUN_DEADLINE_MS);
    assert.equal(status.code, 0, printed(status));
    assert.deepEqual(
      (JSON.parse(status.stdout) as WorkflowSummary[]).map((w) => `${w.id} ${w.status} ${w.step}`),
      ['wf-1 RUNNING green'],
    );

    const reportFile = join(root, 'report.json');
    const resumed = await runImperium(['resume', folder, '--scenario', join(SCENARIOS, 'kill-resume-remaining.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(resumed.code, 0, printed(resumed));
    assert.match(resumed.stdout, /^── GREEN\n {3}trying again \(attempt 2\)$/m);
    assert.doesNotMatch(resumed.stdout, /── (PLAN|RED)/);
    const report = readReport(reportFile);
    assert.equal(report.status, 'COMPLETED');
    assert.deepEqual(
      report.phases.map((phase) => `${phase.phase} ${phase.status}`),
      ['plan done', 'red done', 'green done', 'refactor done', 'review done'],
    );
    assert.deepEqual(
      readWorkflow(folder, report.workflowId).tasks.map((task) => `${task.step} ${task.status} ${task.retryCount}`),
      ['plan COMPLETED 0', 'planReview COMPLETED 0', 'red COMPLETED 0', 'green FAILED 0', 'green COMPLETED 1', 'refactor COMPLETED 0', 'review COMPLETED 0'],
    );
    assert.deepEqual(
      readJournalWrites(folder).map((entry) => `${entry.agent} ${entry.path}`),
      ['testbot test/stack-empty.test.js', 'codebot src/stack.js'],
    );
  });

  it('takes back what the killed green wrote before it runs again, so its edit lands once', async () => {
    copy = await copyFixture('mocha-project');
    const { root, folder } = copy;

    first = startImperium(['run', folder, 'Add Stack#isEmpty().', '--scenario', join(SCENARIOS, 'kill-after-write-first-run.json')], RUN_DEADLINE_MS);
    // CodeBot's edit is on disk; its next model call waits a minute.
    await first.waitForStdout(/^ {5}codebot edit_file src\/stack\.js → ok/m, RUN_DEADLINE_MS);
    first.child.kill('SIGKILL');
    assert.equal((await first.ended).signal, 'SIGKILL');
    assert.equal((await readFile(join(folder, 'src/stack.js'), 'utf8')).match(/isEmpty\(\)/g)?.length, 1, 'the killed green had written its edit');

    const reportFile = join(root, 'report.json');
    const resumed = await runImperium(['resume', folder, '--scenario', join(SCENARIOS, 'kill-resume-remaining.json'), '--report', reportFile], RUN_DEADLINE_MS);

    assert.equal(resumed.code, 0, printed(resumed));
    assert.match(resumed.stdout, /^ {3}healing: rolled-back \(interrupted\): step "green" was cut off before it finished; restored src\/stack\.js, so it runs again from the files as they were$/m);
    assert.equal(readReport(reportFile).status, 'COMPLETED');
    // The resumed green made the same edit (its old text is still there after one insertion): it landed once.
    assert.equal((await readFile(join(folder, 'src/stack.js'), 'utf8')).match(/isEmpty\(\)/g)?.length, 1);
    assert.deepEqual(
      readJournalWrites(folder).map((entry) => `${entry.agent} ${entry.path}`),
      ['testbot test/stack-empty.test.js', 'codebot src/stack.js', 'codebot src/stack.js'],
    );
    const healing = readEvents(folder).flatMap((event) => (event.type === 'healing' ? [`${event.action} ${event.failure}`] : []));
    assert.deepEqual(healing, ['rolled-back interrupted']);
  });
});
