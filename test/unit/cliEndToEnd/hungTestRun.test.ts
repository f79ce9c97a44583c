// A project with a test that hangs forever: the workflow must not hang with it. The test-run
// deadline is WorkflowLimits.testTimeoutMs, which `imperium run` offers no option for (it keeps the
// 120 s default), so this runs the CLI's own composition root, HeadlessEngine, in this process,
// with a short deadline, the real mocha runner and the real scripted model server.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readlinkSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { HeadlessEngine } from '../../../src/cli/headlessEngine';
import type { Logger } from '../../../src/core/ports';
import { startScriptedModelServer } from '../../../src/llm/scriptedServer/scriptedModelServer';
import { FEATURE_WORKFLOW } from '../../../src/workflows/feature/featureWorkflow';
import { finishedTestRuns } from './engineRecords';
import { copyFixture, SCENARIOS, type ProjectCopy } from './projectCopy';

const HANGING_TEST = `'use strict';
// Never settles, and keeps the process alive: only the runner's deadline ends a run with this file.
describe('a test that hangs', () => {
  it('never finishes', function () {
    this.timeout(0);
    return new Promise(() => setInterval(() => undefined, 1000));
  });
});
`;

// Long enough for a mocha run of one file on a busy machine, short enough to wait out twice.
const TEST_TIMEOUT_MS = 8_000;

const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Processes whose working folder is inside `folder`: test runs left behind. Linux shows them in /proc; elsewhere none are seen. */
function processesWorkingIn(folder: string): string[] {
  if (!existsSync('/proc/self/cwd')) return [];
  return readdirSync('/proc').filter((pid) => {
    if (!/^\d+$/.test(pid)) return false;
    try {
      const cwd = readlinkSync(`/proc/${pid}/cwd`);
      return cwd === folder || cwd.startsWith(`${folder}${sep}`);
    } catch {
      return false; // gone meanwhile, or not ours to look at
    }
  });
}

describe('a hung test run (end to end, in process)', function () {
  this.timeout(6 * TEST_TIMEOUT_MS + 60_000);
  this.slow(4 * TEST_TIMEOUT_MS);
  let copy: ProjectCopy;
  after(() => copy?.remove());

  it('is stopped at the deadline and reported timed out; the workflow ends instead of hanging', async () => {
    copy = await copyFixture('mocha-project');
    await writeFile(join(copy.folder, 'test/hangs.test.js'), HANGING_TEST);
    const server = await startScriptedModelServer(join(SCENARIOS, 'mocha-stack-is-empty.json'));
    const headless = await HeadlessEngine.open({
      folder: copy.folder,
      model: { baseUrl: server.url, model: server.scenario.model },
      logger: SILENT,
      limits: { testTimeoutMs: TEST_TIMEOUT_MS, greenAttempts: 1 },
    });
    const started = performance.now();
    let workflow;
    let events;
    try {
      const id = await headless.engine.start(FEATURE_WORKFLOW, { request: 'Add Stack#isEmpty().' });
      workflow = await headless.engine.settled(id);
      events = await headless.events();
    } finally {
      await headless.close();
      await server.close();
    }
    const elapsedMs = performance.now() - started;

    // Every run of the whole suite meets the hanging test; red's run of the new file alone does not.
    const runs = finishedTestRuns(events);
    assert.deepEqual(
      [...runs].map(([label, run]) => `${label}: ${run.outcome}`),
      ['red: baseline: timed-out', 'red: attempt 1: completed', 'green: attempt 1: timed-out'],
    );
    assert.equal(workflow.status, 'FAILED');
    assert.match(workflow.reason ?? '', /CodeBot did not reach green in 1 attempts?\. Attempt 1 did not reach green \(run-not-completed\)/);
    assert.match(workflow.reason ?? '', /The test run did not complete \(timed-out\)/);
    // Two deadlines waited out, plus the rest of the workflow: nowhere near a hang.
    assert.ok(elapsedMs < 2 * TEST_TIMEOUT_MS + 45_000, `the workflow took ${Math.round(elapsedMs)} ms`);
    assert.deepEqual(processesWorkingIn(copy.folder), [], 'no test process outlives its run');
  });
});
