// The CLI's Conductor commands against the real server: `imperium run --engine conductor` killed
// while green waits for CodeBot, then `imperium status` and `imperium resume` with --engine
// conductor: the server held the workflow, the killed green is timed out and retried, and the
// workflow completes; `imperium worker` says where it takes tasks from and stops on SIGTERM.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import type { WorkflowSummary } from '../../src/core/orchestrator/workflowState';
import { readReport } from '../unit/cliEndToEnd/engineRecords';
import { printed, runImperium, startImperium, type ImperiumProcess } from '../unit/cliEndToEnd/imperiumProcess';
import { copyFixture, type ProjectCopy, SCENARIOS } from '../unit/cliEndToEnd/projectCopy';
import { freeLoopbackPort } from './harness/conductorServer';
import { suiteServer } from './harness/serverHooks';
import { serverWorkflow } from './support/engineFixture';

const RUN_DEADLINE_MS = 180_000;

describe('The CLI on Conductor: run killed, status, resume, worker (end to end)', function () {
  this.timeout(2 * RUN_DEADLINE_MS + 60_000);
  const copies: ProjectCopy[] = [];
  const processes: ImperiumProcess[] = [];
  after(async () => {
    for (const running of processes) if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
    await Promise.all(copies.map((copy) => copy.remove()));
  });

  it('a run killed mid-green is listed RUNNING from the server, and resume --engine conductor completes it', async () => {
    const copy = await copyFixture('mocha-project');
    copies.push(copy);
    const conductor = ['--engine', 'conductor', '--conductor-url', suiteServer().url];
    const first = startImperium(['run', copy.folder, 'Add Stack#isEmpty().', '--scenario', join(SCENARIOS, 'kill-resume-first-run.json'), ...conductor], RUN_DEADLINE_MS);
    processes.push(first);
    await first.waitForStdout(/^ {3}codebot starts/m, RUN_DEADLINE_MS);
    first.child.kill('SIGKILL');
    assert.equal((await first.ended).signal, 'SIGKILL');

    const status = await runImperium(['status', copy.folder, '--json', ...conductor], RUN_DEADLINE_MS);
    assert.equal(status.code, 0, printed(status));
    const listed = JSON.parse(status.stdout) as WorkflowSummary[];
    assert.deepEqual(listed.map((workflow) => `${workflow.status} ${workflow.step}`), ['RUNNING green']);
    const id = listed[0]?.id as string;

    const reportFile = join(copy.root, 'report.json');
    const resumed = await runImperium(['resume', copy.folder, '--scenario', join(SCENARIOS, 'kill-resume-remaining.json'), '--report', reportFile, ...conductor], RUN_DEADLINE_MS);
    assert.equal(resumed.code, 0, printed(resumed));
    const report = readReport(reportFile);
    assert.equal(report.status, 'COMPLETED');
    assert.equal(report.workflowId, id);
    const onServer = await serverWorkflow(suiteServer().url, id);
    assert.equal(onServer.status, 'COMPLETED');
    const greens = onServer.tasks.filter((task) => task.referenceTaskName.replace(/__\d+$/, '') === 'green');
    assert.deepEqual(greens.map((task) => `${task.status} ${task.retryCount}`), ['TIMED_OUT 0', 'COMPLETED 1'], 'the killed green was timed out by the server and run again');
    assert.ok(onServer.tasks.filter((task) => task.referenceTaskName.replace(/__\d+$/, '') === 'red').length === 1, 'red ran once');
  });

  it('imperium worker names its server and domain, stops on SIGTERM, and exits 2 naming an address that does not answer', async () => {
    const copy = await copyFixture('mocha-project');
    copies.push(copy);
    const worker = startImperium(['worker', copy.folder, '--conductor-url', suiteServer().url, '--scenario', join(SCENARIOS, 'kill-resume-remaining.json')], RUN_DEADLINE_MS);
    processes.push(worker);
    await worker.waitForStdout(new RegExp(`taking tasks from ${suiteServer().url.replace(/\./g, '\\.')} in domain imperium_[0-9a-f]{16}\\. Ctrl-C stops\\.`), RUN_DEADLINE_MS);
    worker.child.kill('SIGTERM');
    const stopped = await worker.ended;
    assert.equal(stopped.code, 0, stopped.stdout);
    assert.match(stopped.stdout, /Worker stopping/);

    const url = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const unreachable = await runImperium(['worker', copy.folder, '--conductor-url', url, '--scenario', join(SCENARIOS, 'kill-resume-remaining.json')], 60_000);
    assert.equal(unreachable.code, 2, printed(unreachable));
    assert.match(unreachable.stderr, new RegExp(`Conductor unreachable at ${url.replace(/\./g, '\\.')}`));
  });
});
